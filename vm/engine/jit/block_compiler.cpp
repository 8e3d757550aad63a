#include "vm/engine/jit/block_compiler.h"

#include <asmjit/x86.h>

#include <cstddef>
#include <vector>

#include "vm/engine/jit/emit_bitmanip.h"
#include "vm/engine/jit/emit_context.h"
#include "vm/engine/jit/emit_control.h"
#include "vm/engine/jit/emit_integer.h"
#include "vm/engine/jit/emit_memory.h"
#include "vm/engine/jit/emit_muldiv.h"
#include "vm/isa/decoder.h"

namespace vm::engine::jit {

namespace x86 = asmjit::x86;

namespace {

void emit_entry(x86::Assembler& a, const GuestRegisterMap& map) {
  for (const auto id : GuestRegisterMap::kCalleeSaved) a.push(x86::gpq(id));
  a.sub(x86::rsp, kFrameBytes);
  a.mov(x86::qword_ptr(x86::rsp, kFrameEnvironment), x86::rsi);
  a.mov(GuestRegisterMap::context(), x86::rdi);
  a.mov(x86::r14, x86::qword_ptr(x86::rsi, offsetof(BlockEnvironment, host_base)));
  for (const unsigned guest : map.pinned_guests()) {
    a.mov(*map.pinned(guest), EmitContext::slot(guest));
  }
}

void emit_exit(x86::Assembler& a, const GuestRegisterMap& map) {
  for (const unsigned guest : map.pinned_guests()) {
    a.mov(EmitContext::slot(guest), *map.pinned(guest));
  }
  a.add(x86::rsp, kFrameBytes);
  for (auto it = GuestRegisterMap::kCalleeSaved.rbegin();
       it != GuestRegisterMap::kCalleeSaved.rend(); ++it) {
    a.pop(x86::gpq(*it));
  }
  a.ret();
}

}  // namespace

CompileResult compile_block(std::span<const isa::Instruction> insns, uint64_t pc,
                            const GuestRegisterMap& map, CodeCache& cache) {
  asmjit::CodeHolder holder;
  holder.init(asmjit::Environment::host());
  x86::Assembler a(&holder);
  EmitContext context(a, map);
  emit_entry(a, map);

  // Exits placed after the block's code: side exits of taken branches, faults of accesses, and
  // the ends of stores that changed decoded code.
  struct Exit {
    asmjit::Label label;
    uint64_t pc;
    uint32_t retired;
    BlockStatus status;
  };
  std::vector<Exit> exits;
  const auto exit_to = [&](uint64_t exit_pc, uint32_t exit_retired, BlockStatus status) {
    exits.push_back({a.newLabel(), exit_pc, exit_retired, status});
    return exits.back().label;
  };
  const asmjit::Label epilogue = a.newLabel();
  // Leaves with pc = rax, `retired` more instructions and `status`.
  const auto leave = [&](uint32_t exit_retired, BlockStatus status) {
    a.mov(x86::qword_ptr(GuestRegisterMap::context(), offsetof(CpuState, pc)), x86::rax);
    a.add(x86::qword_ptr(GuestRegisterMap::context(), offsetof(CpuState, instret)), exit_retired);
    a.mov(x86::eax, static_cast<uint32_t>(status));
    a.jmp(epilogue);
  };

  uint32_t retired = 0;
  bool ended = false;
  for (const isa::Instruction& insn : insns) {
    context.pc = pc;
    if (ended) return {std::nullopt, {pc, "instruction after the block's jump"}};
    ++retired;
    if (isa::is_conditional_branch(insn.op)) {
      emit_conditional_branch(
          context, insn,
          exit_to(pc + static_cast<uint64_t>(insn.imm), retired, BlockStatus::Continue));
    } else if (is_memory_access(insn.op)) {
      const asmjit::Label fault = exit_to(pc, retired - 1, BlockStatus::Fault);
      const asmjit::Label code_written = exit_to(pc + insn.length, retired, BlockStatus::Continue);
      emit_memory_access(context, insn, fault, code_written);
    } else if (is_jump(insn.op)) {
      emit_jump(context, insn);
      leave(retired, BlockStatus::Continue);
      ended = true;
    } else if (!emit_integer(context, insn) && !emit_muldiv(context, insn) &&
               !emit_bitmanip(context, insn)) {
      return {std::nullopt, {pc, "no emitter for " + std::string(isa::mnemonic(insn.op))}};
    }
    pc += insn.length;
  }
  if (!ended) {
    a.mov(x86::rax, pc);
    leave(retired, BlockStatus::Continue);
  }
  for (const Exit& exit : exits) {
    a.bind(exit.label);
    a.mov(x86::rax, exit.pc);
    leave(exit.retired, exit.status);
  }
  a.bind(epilogue);
  emit_exit(a, map);

  if (holder.flatten() != asmjit::kErrorOk) return {std::nullopt, {pc, "cannot lay out the code"}};
  const size_t size = holder.codeSize();
  uint8_t* code = cache.allocate(size);
  if (code == nullptr) return {std::nullopt, {pc, "code cache full"}};
  if (holder.relocateToBase(reinterpret_cast<uint64_t>(code)) != asmjit::kErrorOk ||
      holder.copyFlattenedData(code, size, asmjit::CopySectionFlags::kPadSectionBuffer) !=
          asmjit::kErrorOk) {
    return {std::nullopt, {pc, "cannot place the code"}};
  }
  return {CompiledBlock{reinterpret_cast<BlockFunction>(code), code, size}, {}};
}

}  // namespace vm::engine::jit
