// A guest process: loads the ELF image into a fresh address space, builds the initial stack,
// and runs the engine, answering its system calls, until the guest exits or faults.
#include <signal.h>
#include <sys/random.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "vm/config/paged_config.h"
#include "vm/engine/interp/interpreter.h"
#include "vm/engine/slowdown_injector.h"
#include "vm/mem/paged_backing.h"
#include "vm/process.h"
#include "vm/runtime/address_space.h"
#include "vm/runtime/elf_image.h"
#include "vm/runtime/guest_signal.h"
#include "vm/runtime/initial_stack.h"
#include "vm/runtime/load_error.h"
#include "vm/runtime/syscalls/syscall_table.h"

namespace vm {

using runtime::LoadError;

namespace {

constexpr uint64_t kPieLoadBias = uint64_t{1} << 30;
constexpr uint64_t kLowestLoadAddress = 0x1000;
constexpr uint64_t kStackGap = uint64_t{16} << 20;
constexpr uint64_t kDeterministicSeed = 0x7662656e6368ull;  // "vbench"
constexpr int kStatusInstructionLimit = 124;                // as timeout(1) reports a time limit
constexpr int kStatusUnknownSyscall = 125;
constexpr size_t kSyscallSlots = 512;

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

std::unique_ptr<engine::ExecutionEngine> make_engine(const std::string& name,
                                                     const std::string& memory_mode,
                                                     mem::GuestMemory& memory) {
  if (memory_mode != "flat" && memory_mode != "paged")
    throw LoadError("unknown memory mode '" + memory_mode + "'");
  if (name == "interp") return std::make_unique<engine::interp::Interpreter>(memory);
  throw LoadError("unknown engine '" + name + "'");
}

runtime::AddressLayout plan_layout(const ProcessOptions& options) {
  runtime::AddressLayout layout;
  layout.stack_top = options.address_space_bytes - mem::kPageSize;  // guard page at the very top
  layout.stack_size = mem::page_ceil(options.stack_bytes);
  layout.mmap_top = layout.stack_top - layout.stack_size - kStackGap;
  return layout;
}

ExitStatus killed_by(int sig, const std::string& what) {
  return {ExitKind::Signaled, 128 + sig, "guest " + runtime::signal_name(sig) + ": " + what};
}

ExitStatus fault_status(const engine::FaultInfo& fault) {
  using engine::FaultKind;
  const std::string at = " at pc " + hex(fault.pc);
  const std::string address = hex(fault.address);
  switch (fault.kind) {
    case FaultKind::LoadAccess: return killed_by(SIGSEGV, "load from " + address + at);
    case FaultKind::StoreAccess: return killed_by(SIGSEGV, "store to " + address + at);
    case FaultKind::FetchAccess:
      return killed_by(SIGSEGV, "instruction fetch from " + address + at);
    case FaultKind::MisalignedAtomic:
      return killed_by(SIGBUS, "misaligned atomic access to " + address + at);
    case FaultKind::Breakpoint: return killed_by(SIGTRAP, "ebreak" + at);
    case FaultKind::IllegalInstruction: {
      char bits[16];
      std::snprintf(bits, sizeof bits, fault.length == 2 ? "0x%04x" : "0x%08x", fault.bits);
      return killed_by(SIGILL, std::string("illegal instruction ") + bits + at);
    }
  }
  return killed_by(SIGSEGV, "unknown fault" + at);
}

mem::GuestMemory make_memory(const ProcessOptions& options) {
  const mem::HostBacking backing{mem::host::parse_numa_policy(options.config.mem_numa),
                                 options.config.mem_huge_pages};
  // Flat memory does not look at the paged knobs: checking them costs ~90 us (it builds each
  // TLB level), which would land in every flat measurement. vmrun, suites and the harness
  // call VmConfig::check() before any process, so there a bad combination is refused in both
  // modes.
  if (options.memory == "paged") {
    return mem::GuestMemory(options.address_space_bytes, backing,
                            paged_config(options.config.paged));
  }
  return mem::GuestMemory(options.address_space_bytes, backing);
}

std::map<std::string, uint64_t> paged_counters(const mem::PagedBacking& paged) {
  const mem::tlb::TlbHierarchyStats t = paged.tlb().stats();
  std::map<std::string, uint64_t> c;
  const auto level = [&c](const std::string& name, const mem::tlb::TlbLevelStats& l) {
    c["tlb." + name + ".lookups"] = l.lookups;
    c["tlb." + name + ".hits"] = l.hits;
    c["tlb." + name + ".misses"] = l.misses;
    c["tlb." + name + ".evictions"] = l.evictions;
    c["tlb." + name + ".flushes"] = l.flushes;
  };
  level("l1i", t.l1i);
  level("l1d", t.l1d);
  level("l2", t.l2);
  level("l3", t.l3);
  c["tlb.walks"] = t.walk.walks;
  c["tlb.walk_ptes_read"] = t.walk.ptes_read;
  c["tlb.walk_faults"] = t.walk.faults;
  c["tlb.prefetch.issued"] = t.prefetch.issued;
  c["tlb.prefetch.useful"] = t.prefetch.useful;
  c["tlb.prefetch.useless"] = t.prefetch.useless;
  c["mem.page_faults"] = paged.page_faults();
  c["mem.peak_frames"] = paged.frames().peak_frames_in_use();
  for (const auto pool_class :
       {mem::host::PoolClass::GuestPage, mem::host::PoolClass::PageTablePage}) {
    const mem::host::PoolStats p = paged.pool().stats(pool_class);
    const std::string name = "mem.pool." + std::string(mem::host::pool_class_info(pool_class).name);
    c[name + ".allocations"] = p.allocations;
    c[name + ".frees"] = p.frees;
    c[name + ".reuses"] = p.reuses;
    c[name + ".peak_bytes"] = p.peak_bytes_in_use;
  }
  return c;
}

}  // namespace

class GuestProcess::Impl {
 public:
  Impl(const std::string& path, ProcessOptions options)
      : options_(std::move(options)),
        memory_(make_memory(options_)),
        space_(memory_, plan_layout(options_)),
        engine_(make_engine(options_.engine, options_.memory, memory_)),
        ctx_{cpu_, memory_, space_, options_, absolute(path), [this] { engine_->flush_code(); }} {}

  ExitStatus run();
  ProcessStats stats() const;
  void load(const runtime::ElfImage& image, const std::string& path);

 private:
  static std::string absolute(const std::string& path) {
    std::error_code ec;
    auto abs = std::filesystem::absolute(path, ec);
    return ec ? path : abs.string();
  }
  ExitStatus run_until_stop(uint64_t limit, engine::SlowdownInjector& slowdown);
  void handle_syscall();

  ProcessOptions options_;
  mem::GuestMemory memory_;
  runtime::AddressSpace space_;
  engine::CpuState cpu_;
  std::unique_ptr<engine::ExecutionEngine> engine_;
  runtime::SyscallContext ctx_;
  std::array<uint64_t, kSyscallSlots> syscall_counts_{};
  std::map<std::string, uint64_t> unknown_syscalls_;
  double wall_seconds_ = 0;
};

void GuestProcess::Impl::load(const runtime::ElfImage& image, const std::string& path) {
  const uint64_t bias =
      image.position_independent ? kPieLoadBias - mem::page_floor(image.low_address()) : 0;
  const uint64_t low = image.low_address() + bias, high = image.high_address() + bias;
  const auto& layout = space_.layout();
  if (low < kLowestLoadAddress || high > layout.mmap_top / 2) {
    throw LoadError("segments at " + hex(low) + ".." + hex(high) +
                    " lie outside the guest address space");
  }
  for (const auto& seg : image.segments) {
    const uint64_t begin = mem::page_floor(seg.vaddr + bias);
    const uint64_t end = mem::page_ceil(seg.vaddr + bias + seg.memsz);
    if (memory_.all_unmapped(begin, end - begin)) {
      space_.map_anonymous(begin, end - begin, seg.prot, true, false);
      continue;
    }
    // Segments sharing a page: the page gets the union of their permissions.
    for (uint64_t page = begin; page < end; page += mem::kPageSize) {
      const uint8_t existing = memory_.page_perm(page);
      if (existing & mem::perm::kMapped) {
        memory_.protect(page, mem::kPageSize, (existing & mem::perm::kRWX) | seg.prot);
      } else {
        space_.map_anonymous(page, mem::kPageSize, seg.prot, true, false);
      }
    }
  }
  for (const auto& seg : image.segments) {
    memory_.poke(seg.vaddr + bias, image.bytes.data() + seg.offset, seg.filesz);
  }
  space_.set_program_end(mem::page_ceil(high));

  const uint64_t stack_floor = layout.stack_top - layout.stack_size;
  space_.map_anonymous(stack_floor, layout.stack_size, mem::perm::kRead | mem::perm::kWrite, true,
                       false);

  runtime::StackImage stack;
  stack.argv = options_.argv;
  stack.env = options_.env;
  stack.execfn = options_.argv.empty() ? path : options_.argv[0];
  if (options_.deterministic) {
    ctx_.random.seed(kDeterministicSeed);
    for (auto& b : stack.random) b = static_cast<uint8_t>(ctx_.random());
  } else {
    if (getrandom(stack.random.data(), stack.random.size(), 0) != 16) {
      throw LoadError("getrandom failed for AT_RANDOM");
    }
    ctx_.random.seed(std::random_device{}());
  }
  stack.phdr = image.phdr_vaddr ? image.phdr_vaddr + bias : 0;
  stack.phent = image.phdr_entry_size;
  stack.phnum = image.phdr_count;
  stack.entry = image.entry + bias;
  if (!options_.deterministic) {
    stack.uid = getuid();
    stack.euid = geteuid();
    stack.gid = getgid();
    stack.egid = getegid();
  }
  stack.hwcap = runtime::rv64gc_hwcap();
  cpu_.x[2] = runtime::build_initial_stack(memory_, layout.stack_top, layout.stack_size, stack);
  cpu_.pc = image.entry + bias;
  cpu_.deterministic = options_.deterministic;
}

void GuestProcess::Impl::handle_syscall() {
  const uint64_t number = cpu_.x[17];
  const runtime::SyscallArgs args{
      {cpu_.x[10], cpu_.x[11], cpu_.x[12], cpu_.x[13], cpu_.x[14], cpu_.x[15]}};
  if (options_.syscall_filter && !options_.syscall_filter(number)) {
    cpu_.x[10] = static_cast<uint64_t>(-int64_t{EPERM});
    return;
  }
  if (const runtime::SyscallDescriptor* call = runtime::find_syscall(number)) {
    syscall_counts_[number]++;
    cpu_.x[10] = static_cast<uint64_t>(call->handler(ctx_, args));
    return;
  }
  const std::string name = runtime::syscall_name(number);
  if (options_.strict_syscalls) {
    ctx_.exit = ExitStatus{ExitKind::UnknownSyscall, kStatusUnknownSyscall,
                           "unimplemented syscall " + std::to_string(number) + " (" + name +
                               ") at pc " + hex(cpu_.pc) + " (--strict-syscalls)"};
    return;
  }
  if (unknown_syscalls_[name]++ == 0) {
    std::fprintf(stderr, "vmrun: warning: unimplemented syscall %llu (%s) returns -ENOSYS\n",
                 static_cast<unsigned long long>(number), name.c_str());
  }
  cpu_.x[10] = static_cast<uint64_t>(-int64_t{ENOSYS});
}

ExitStatus GuestProcess::Impl::run() {
  const auto start = std::chrono::steady_clock::now();
  const uint64_t limit =
      options_.max_instructions ? options_.max_instructions : std::numeric_limits<uint64_t>::max();
  ExitStatus status;
  engine::SlowdownInjector slowdown(options_.config.debug_slowdown);
  try {
    status = run_until_stop(limit, slowdown);
  } catch (const mem::GuestRamExhausted& e) {
    status = killed_by(SIGKILL, e.what());  // as Linux's out-of-memory killer would
  }
  wall_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return status;
}

ExitStatus GuestProcess::Impl::run_until_stop(uint64_t limit, engine::SlowdownInjector& slowdown) {
  ExitStatus status;
  engine::FaultInfo fault;
  while (true) {
    engine::StopReason reason;
    if (slowdown.active()) {
      const uint64_t slice_end =
          cpu_.instret +
          std::min(limit - cpu_.instret, engine::SlowdownInjector::kSliceInstructions);
      slowdown.begin_slice();
      reason = engine_->run(cpu_, slice_end, fault);
      slowdown.end_slice();
      if (reason == engine::StopReason::InstructionLimit && slice_end < limit) continue;
    } else {
      reason = engine_->run(cpu_, limit, fault);
    }
    if (reason == engine::StopReason::Syscall) {
      handle_syscall();
      if (ctx_.exit) {
        status = *ctx_.exit;
        break;
      }
      cpu_.pc += 4;
    } else if (reason == engine::StopReason::Fault) {
      status = fault_status(fault);
      break;
    } else {
      status = {ExitKind::InstructionLimit, kStatusInstructionLimit,
                "instruction limit of " + std::to_string(limit) + " reached (" +
                    std::to_string(cpu_.instret) +
                    " retired; the next block would exceed it) at pc " + hex(cpu_.pc)};
      break;
    }
  }
  return status;
}

ProcessStats GuestProcess::Impl::stats() const {
  ProcessStats s;
  s.instructions_retired = cpu_.instret;
  s.wall_seconds = wall_seconds_;
  const engine::EngineStats e = engine_->stats();
  s.blocks_decoded = e.blocks_decoded;
  s.instructions_decoded = e.instructions_decoded;
  s.blocks_invalidated = e.blocks_invalidated;
  s.code_flushes = e.code_flushes;
  s.peak_mapped_bytes = space_.peak_mapped_bytes();
  if (const mem::PagedBacking* paged = memory_.paging()) s.memory = paged_counters(*paged);
  s.host_numa_placement = memory_.numa_placement();
  s.host_huge_pages_advised = memory_.huge_pages_advised();
  s.host_huge_page_bytes = memory_.huge_page_bytes();
  for (size_t n = 0; n < kSyscallSlots; ++n) {
    if (syscall_counts_[n] == 0) continue;
    s.syscalls[runtime::find_syscall(n)->name] += syscall_counts_[n];
    s.syscalls_total += syscall_counts_[n];
  }
  s.unknown_syscalls = unknown_syscalls_;
  for (auto& [name, count] : unknown_syscalls_) s.syscalls_total += count;
  return s;
}

GuestProcess::GuestProcess(const std::string& path, ProcessOptions options)
    : impl_(std::make_unique<Impl>(path, std::move(options))) {
  impl_->load(runtime::read_elf_image(path), path);
}

GuestProcess::GuestProcess(std::vector<uint8_t> elf_bytes, const std::string& name,
                           ProcessOptions options)
    : impl_(std::make_unique<Impl>(name, std::move(options))) {
  impl_->load(runtime::parse_elf_image(std::move(elf_bytes)), name);
}
GuestProcess::~GuestProcess() = default;
ExitStatus GuestProcess::run() { return impl_->run(); }
ProcessStats GuestProcess::stats() const { return impl_->stats(); }

std::vector<std::string> available_engines() { return {"interp"}; }
std::vector<std::string> available_memory_modes() { return {"flat", "paged"}; }

}  // namespace vm
