// Real emitted code: a small function assembled with AsmJit (the snapshot Debian 12 ships,
// 1.9.0 / git 2022-12-10), run from a JitRuntime, then summarized and disassembled both from the
// CodeHolder's buffer and from its executable copy. This is also the build's proof that AsmJit
// links and runs. The calls that work here, for the JIT:
//   asmjit::JitRuntime rt;
//   asmjit::CodeHolder code;  code.init(rt.environment());   (or code.init(Environment::host())
//                                                               for bytes that never run)
//   asmjit::x86::Assembler a(&code);
//   asmjit::Label l = a.newLabel();  a.jz(l);  a.bind(l);
//   a.mov(x86::rax, x86::rdi);  a.add(x86::rax, x86::rsi);  a.test(x86::rax, x86::rax);
//   a.mov(x86::qword_ptr(x86::rsp, -8), x86::rax);  a.add(x86::rax, 1);  a.ret();
//   code.textSection()->buffer().data() / .size()   (bytes as emitted, labels bound)
//   Fn fn;  rt.add(&fn, &code)   (== asmjit::kErrorOk; copies into executable memory)
//   code.codeSize()   (the size of what rt.add copied);  rt.release(fn)
// A jump to a label not yet bound is emitted with rel32 (0f 84 ...: 6 bytes), as listed below.
#include <asmjit/x86.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "vm/monitor/host_disassembler.h"
#include "vm/monitor/host_listing.h"

namespace vm::monitor {
namespace {

using namespace asmjit;

using Fn = uint64_t (*)(uint64_t, uint64_t, uint64_t);

// What emit() produces, one line per instruction, with {ret} standing for ret's address.
const std::vector<std::string> kEmittedTexts = {
    "mov rax, rdi",
    "add rax, rsi",
    "mov rcx, rdx",
    "add rax, rcx",
    "mov qword ptr [rsp-0x08], rax",
    "mov rax, qword ptr [rsp-0x08]",
    "test rax, rax",
    "jz {ret}",
    "add rax, 0x01",
    "ret",
};

// (a + b + c), plus 1 unless the sum is 0; the sum goes through the red zone so that the code has
// a store and a load.
void emit(x86::Assembler& a) {
  Label done = a.newLabel();
  a.mov(x86::rax, x86::rdi);
  a.add(x86::rax, x86::rsi);
  a.mov(x86::rcx, x86::rdx);
  a.add(x86::rax, x86::rcx);
  a.mov(x86::qword_ptr(x86::rsp, -8), x86::rax);
  a.mov(x86::rax, x86::qword_ptr(x86::rsp, -8));
  a.test(x86::rax, x86::rax);
  a.jz(done);
  a.add(x86::rax, 1);
  a.bind(done);
  a.ret();
}

void expect_emitted_code(std::span<const uint8_t> bytes, uint64_t address) {
  const HostCodeSummary s = summarize(bytes);
  EXPECT_EQ(s.instructions, kEmittedTexts.size());
  EXPECT_EQ(s.bytes_decoded, bytes.size());
  EXPECT_EQ(s.undecodable_bytes, 0u);
  EXPECT_EQ(s.count(HostCategory::Store), 1u);
  EXPECT_EQ(s.count(HostCategory::Load), 1u);
  EXPECT_EQ(s.count(HostCategory::ConditionalBranch), 1u);
  EXPECT_EQ(s.count(HostCategory::IndirectBranch), 1u);  // ret
  EXPECT_EQ(s.count(HostCategory::Other), 6u);

  const std::vector<HostInstruction> listing = disassemble(bytes, address);
  ASSERT_EQ(listing.size(), kEmittedTexts.size()) << format_listing(listing);
  char ret_address[32];
  std::snprintf(ret_address, sizeof ret_address, "0x%llx",
                static_cast<unsigned long long>(listing.back().address));
  for (std::size_t i = 0; i < listing.size(); ++i) {
    std::string expected = kEmittedTexts[i];
    if (const auto at = expected.find("{ret}"); at != std::string::npos) {
      expected.replace(at, 5, ret_address);
    }
    EXPECT_EQ(listing[i].text, expected) << format_listing(listing);
  }
}

TEST(AsmJitCode, SummarizeAndDisassembleTheCodeHolderBuffer) {
  CodeHolder code;
  ASSERT_EQ(code.init(Environment::host()), kErrorOk);
  x86::Assembler a(&code);
  emit(a);
  const CodeBuffer& buffer = code.textSection()->buffer();
  expect_emitted_code({buffer.data(), buffer.size()}, 0x10000);
}

TEST(AsmJitCode, RunsFromJitRuntimeAndDisassemblesAtItsAddress) {
  JitRuntime rt;
  CodeHolder code;
  ASSERT_EQ(code.init(rt.environment()), kErrorOk);
  x86::Assembler a(&code);
  emit(a);
  Fn fn = nullptr;
  ASSERT_EQ(rt.add(&fn, &code), kErrorOk);
  EXPECT_EQ(fn(2, 3, 4), 10u);
  EXPECT_EQ(fn(0, 0, 0), 0u);
  EXPECT_EQ(fn(5, -5, 0), 0u);

  const auto* bytes = reinterpret_cast<const uint8_t*>(fn);
  const std::size_t size = code.codeSize();
  expect_emitted_code({bytes, size}, reinterpret_cast<uintptr_t>(bytes));
  EXPECT_EQ(rt.release(fn), kErrorOk);
}

}  // namespace
}  // namespace vm::monitor
