#include "vm/engine/jit/block_compiler.h"

#include <asmjit/x86.h>

#include <cstddef>
#include <vector>

#include "vm/engine/jit/emit_context.h"
#include "vm/engine/jit/emit_control.h"
#include "vm/engine/jit/emit_integer.h"
#include "vm/isa/decoder.h"

namespace vm::engine::jit {

namespace x86 = asmjit::x86;

namespace {

void emit_entry(x86::Assembler& a, const GuestRegisterMap& map) {
  for (const auto id : GuestRegisterMap::kCalleeSaved) a.push(x86::gpq(id));
  a.mov(GuestRegisterMap::context(), x86::rdi);
  for (const unsigned guest : map.pinned_guests()) {
    a.mov(*map.pinned(guest), EmitContext::slot(guest));
  }
}

void emit_exit(x86::Assembler& a, const GuestRegisterMap& map) {
  for (const unsigned guest : map.pinned_guests()) {
    a.mov(EmitContext::slot(guest), *map.pinned(guest));
  }
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

  struct SideExit {
    asmjit::Label label;
    uint64_t target;
    uint32_t retired;
  };
  std::vector<SideExit> side_exits;
  const asmjit::Label epilogue = a.newLabel();
  // Leaves with pc = rax and `retired` more instructions.
  const auto leave = [&](uint32_t retired) {
    a.mov(x86::qword_ptr(GuestRegisterMap::context(), offsetof(CpuState, pc)), x86::rax);
    a.add(x86::qword_ptr(GuestRegisterMap::context(), offsetof(CpuState, instret)), retired);
    a.jmp(epilogue);
  };

  uint32_t retired = 0;
  bool ended = false;
  for (const isa::Instruction& insn : insns) {
    context.pc = pc;
    if (ended) return {std::nullopt, {pc, "instruction after the block's jump"}};
    ++retired;
    if (isa::is_conditional_branch(insn.op)) {
      side_exits.push_back({a.newLabel(), pc + static_cast<uint64_t>(insn.imm), retired});
      emit_conditional_branch(context, insn, side_exits.back().label);
    } else if (is_jump(insn.op)) {
      emit_jump(context, insn);
      leave(retired);
      ended = true;
    } else if (!emit_integer(context, insn)) {
      return {std::nullopt, {pc, "no emitter for " + std::string(isa::mnemonic(insn.op))}};
    }
    pc += insn.length;
  }
  if (!ended) {
    a.mov(x86::rax, pc);
    leave(retired);
  }
  for (const SideExit& exit : side_exits) {
    a.bind(exit.label);
    a.mov(x86::rax, exit.target);
    leave(exit.retired);
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
