#include "vm/engine/jit/emit_muldiv.h"

#include <cstdint>

#include "vm/engine/integer_division.h"

namespace vm::engine::jit {

namespace x86 = asmjit::x86;
using isa::Opcode;

namespace {

uint64_t sext32(uint32_t v) {
  return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(v)));
}

uint64_t div_helper(uint64_t a, uint64_t b) {
  return static_cast<uint64_t>(riscv_quotient(static_cast<int64_t>(a), static_cast<int64_t>(b)));
}
uint64_t divu_helper(uint64_t a, uint64_t b) { return riscv_quotient(a, b); }
uint64_t rem_helper(uint64_t a, uint64_t b) {
  return static_cast<uint64_t>(riscv_remainder(static_cast<int64_t>(a), static_cast<int64_t>(b)));
}
uint64_t remu_helper(uint64_t a, uint64_t b) { return riscv_remainder(a, b); }
uint64_t divw_helper(uint64_t a, uint64_t b) {
  return sext32(
      static_cast<uint32_t>(riscv_quotient(static_cast<int32_t>(a), static_cast<int32_t>(b))));
}
uint64_t divuw_helper(uint64_t a, uint64_t b) {
  return sext32(riscv_quotient(static_cast<uint32_t>(a), static_cast<uint32_t>(b)));
}
uint64_t remw_helper(uint64_t a, uint64_t b) {
  return sext32(
      static_cast<uint32_t>(riscv_remainder(static_cast<int32_t>(a), static_cast<int32_t>(b))));
}
uint64_t remuw_helper(uint64_t a, uint64_t b) {
  return sext32(riscv_remainder(static_cast<uint32_t>(a), static_cast<uint32_t>(b)));
}
// High 64 bits of signed rs1 times unsigned rs2.
uint64_t mulhsu_helper(uint64_t a, uint64_t b) {
  const auto product = static_cast<__int128>(static_cast<int64_t>(a)) * static_cast<__int128>(b);
  return static_cast<uint64_t>(static_cast<unsigned __int128>(product) >> 64);
}

using Helper = uint64_t (*)(uint64_t, uint64_t);

Helper helper_for(Opcode op) {
  switch (op) {
    case Opcode::MULHSU: return mulhsu_helper;
    case Opcode::DIV: return div_helper;
    case Opcode::DIVU: return divu_helper;
    case Opcode::REM: return rem_helper;
    case Opcode::REMU: return remu_helper;
    case Opcode::DIVW: return divw_helper;
    case Opcode::DIVUW: return divuw_helper;
    case Opcode::REMW: return remw_helper;
    case Opcode::REMUW: return remuw_helper;
    default: return nullptr;
  }
}

}  // namespace

bool emit_muldiv(EmitContext& c, const isa::Instruction& i) {
  auto& a = c.a;
  switch (i.op) {
    case Opcode::MUL:
      c.operands_to_rax_rcx(i, true);
      a.imul(x86::rax, x86::rcx);
      break;
    case Opcode::MULW:
      c.operands_to_rax_rcx(i, true);
      a.imul(x86::eax, x86::ecx);
      a.movsxd(x86::rax, x86::eax);
      break;
    case Opcode::MULH:
    case Opcode::MULHU:
      c.operands_to_rax_rcx(i, true);
      if (i.op == Opcode::MULH) {
        a.imul(x86::rcx);  // rdx:rax = rax * rcx, signed
      } else {
        a.mul(x86::rcx);
      }
      a.mov(x86::rax, x86::rdx);
      break;
    default: {
      const Helper helper = helper_for(i.op);
      if (helper == nullptr) return false;
      c.operands_to_rax_rcx(i, true);
      a.mov(x86::rdi, x86::rax);
      a.mov(x86::rsi, x86::rcx);
      a.mov(x86::rax, reinterpret_cast<uint64_t>(helper));
      a.call(x86::rax);  // pinned guest registers are callee-saved: they survive
      break;
    }
  }
  c.write(i.rd, x86::rax);
  return true;
}

}  // namespace vm::engine::jit
