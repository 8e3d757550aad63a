#include "vm/engine/jit/emit_memory.h"

#include <optional>
#include <type_traits>

#include "vm/engine/jit/block_environment.h"
#include "vm/mem/guest_memory.h"

namespace vm::engine::jit {

namespace x86 = asmjit::x86;
using isa::Opcode;

namespace {

enum HelperStatus : uint32_t { kOk = 0, kFaulted = 1, kCodeWritten = 2 };

struct Access {
  unsigned size;
  bool sign_extend;
  bool store;
};

std::optional<Access> access_of(Opcode op) {
  switch (op) {
    case Opcode::LB: return Access{1, true, false};
    case Opcode::LH: return Access{2, true, false};
    case Opcode::LW: return Access{4, true, false};
    case Opcode::LD: return Access{8, false, false};
    case Opcode::LBU: return Access{1, false, false};
    case Opcode::LHU: return Access{2, false, false};
    case Opcode::LWU: return Access{4, false, false};
    case Opcode::SB: return Access{1, false, true};
    case Opcode::SH: return Access{2, false, true};
    case Opcode::SW: return Access{4, false, true};
    case Opcode::SD: return Access{8, false, true};
    default: return std::nullopt;
  }
}

template <typename T>
uint64_t extend(T value, bool sign) {
  using Signed = std::make_signed_t<T>;
  return sign ? static_cast<uint64_t>(static_cast<int64_t>(static_cast<Signed>(value)))
              : static_cast<uint64_t>(value);
}

template <typename T>
bool load_as(mem::GuestMemory& memory, uint64_t addr, bool sign, uint64_t* out) {
  T value;
  if (!memory.load(addr, value)) return false;
  *out = extend(value, sign);
  return true;
}

// The slow paths, called from translated code with the System V calling convention.
uint32_t load_helper(BlockEnvironment* env, uint64_t addr, uint64_t pc, uint64_t kind,
                     uint64_t* out) {
  const bool sign = kind & 16;
  bool ok = false;
  switch (kind & 15) {
    case 1: ok = load_as<uint8_t>(*env->memory, addr, sign, out); break;
    case 2: ok = load_as<uint16_t>(*env->memory, addr, sign, out); break;
    case 4: ok = load_as<uint32_t>(*env->memory, addr, sign, out); break;
    default: ok = load_as<uint64_t>(*env->memory, addr, sign, out); break;
  }
  if (ok) return kOk;
  env->fault = FaultInfo{FaultKind::LoadAccess, pc, addr, 0, 4};
  return kFaulted;
}

uint32_t store_helper(BlockEnvironment* env, uint64_t addr, uint64_t pc, uint64_t size,
                      uint64_t value) {
  mem::GuestMemory& memory = *env->memory;
  // Whether the store reaches decoded code (the memory's hook invalidates it during the store).
  const auto code_at = [&memory](uint64_t a) {
    return a < memory.size() && (memory.page_perm(a) & mem::perm::kCode);
  };
  const bool code = code_at(addr) || code_at(addr + size - 1);
  bool ok = false;
  switch (size) {
    case 1: ok = memory.store(addr, static_cast<uint8_t>(value)); break;
    case 2: ok = memory.store(addr, static_cast<uint16_t>(value)); break;
    case 4: ok = memory.store(addr, static_cast<uint32_t>(value)); break;
    default: ok = memory.store(addr, value); break;
  }
  if (!ok) {
    env->fault = FaultInfo{FaultKind::StoreAccess, pc, addr, 0, 4};
    return kFaulted;
  }
  return code ? kCodeWritten : kOk;
}

x86::Mem host_operand(unsigned size) {  // host_base + guest address
  switch (size) {
    case 1: return x86::byte_ptr(x86::r14, x86::rdx);
    case 2: return x86::word_ptr(x86::r14, x86::rdx);
    case 4: return x86::dword_ptr(x86::r14, x86::rdx);
    default: return x86::qword_ptr(x86::r14, x86::rdx);
  }
}

void call_helper(x86::Assembler& a, const void* helper) {
  a.mov(x86::rax, reinterpret_cast<uint64_t>(helper));
  a.call(x86::rax);
}

}  // namespace

bool is_memory_access(Opcode op) { return access_of(op).has_value(); }

void emit_memory_access(EmitContext& c, const isa::Instruction& i, const asmjit::Label& fault,
                        const asmjit::Label& code_written) {
  auto& a = c.a;
  const Access access = *access_of(i.op);  // the caller checked is_memory_access
  const asmjit::Label slow = a.newLabel(), done = a.newLabel();

  // rdx = guest address; for stores rcx = the value.
  const x86::Gp base = c.read(i.rs1, x86::rdx);
  if (base.id() != x86::Gp::kIdDx) a.mov(x86::rdx, base);
  a.add(x86::rdx, static_cast<int32_t>(i.imm));
  if (access.store) {
    const x86::Gp value = c.read(i.rs2, x86::rcx);
    if (value.id() != x86::Gp::kIdCx) a.mov(x86::rcx, value);
  }

  // Inline: aligned, inside the space, permitted by the page's byte below host_base.
  a.mov(x86::rax, ~(mem::kMaxAddressSpace - 1) | (access.size - 1));
  a.test(x86::rdx, x86::rax);
  a.jnz(slow);
  a.mov(x86::rax, x86::rdx);
  a.shr(x86::rax, mem::kPageShift);
  a.movzx(x86::eax, x86::byte_ptr(x86::r14, x86::rax, 0,
                                  -static_cast<int32_t>(mem::GuestMemory::kPermTableOffset)));
  if (access.store) {
    a.and_(x86::eax, mem::perm::kWrite | mem::perm::kCode);
    a.cmp(x86::eax, mem::perm::kWrite);
    a.jne(slow);
    switch (access.size) {
      case 1: a.mov(host_operand(1), x86::cl); break;
      case 2: a.mov(host_operand(2), x86::cx); break;
      case 4: a.mov(host_operand(4), x86::ecx); break;
      default: a.mov(host_operand(8), x86::rcx); break;
    }
  } else {
    a.test(x86::eax, mem::perm::kRead);
    a.jz(slow);
    if (access.size == 8) {
      a.mov(x86::rax, host_operand(8));
    } else if (access.size == 4 && !access.sign_extend) {
      a.mov(x86::eax, host_operand(4));  // zero-extends
    } else if (access.sign_extend) {
      if (access.size == 4) {
        a.movsxd(x86::rax, host_operand(4));
      } else {
        a.movsx(x86::rax, host_operand(access.size));
      }
    } else {
      a.movzx(x86::eax, host_operand(access.size));
    }
  }
  a.jmp(done);

  // Slow path: helper(env, addr, pc, kind or size, out pointer or value).
  a.bind(slow);
  a.mov(x86::rdi, x86::qword_ptr(x86::rsp, kFrameEnvironment));
  a.mov(x86::rsi, x86::rdx);
  a.mov(x86::rdx, c.pc);
  if (access.store) {
    a.mov(x86::r8, x86::rcx);
    a.mov(x86::ecx, access.size);
    call_helper(a, reinterpret_cast<const void*>(&store_helper));
    a.test(x86::eax, x86::eax);
    a.jz(done);
    a.cmp(x86::eax, kFaulted);
    a.je(fault);
    a.jmp(code_written);
  } else {
    a.mov(x86::ecx, access.size | (access.sign_extend ? 16 : 0));
    a.lea(x86::r8, x86::ptr(x86::rsp, kFrameValue));
    call_helper(a, reinterpret_cast<const void*>(&load_helper));
    a.test(x86::eax, x86::eax);
    a.jnz(fault);
    a.mov(x86::rax, x86::qword_ptr(x86::rsp, kFrameValue));
  }
  a.bind(done);
  if (!access.store) c.write(i.rd, x86::rax);
}

}  // namespace vm::engine::jit
