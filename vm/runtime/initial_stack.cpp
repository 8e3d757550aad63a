#include "vm/runtime/initial_stack.h"

#include <elf.h>

#include "vm/runtime/load_error.h"

namespace vm::runtime {

uint64_t rv64gc_hwcap() {
  uint64_t caps = 0;
  for (char letter : {'i', 'm', 'a', 'f', 'd', 'c'}) caps |= uint64_t{1} << (letter - 'a');
  return caps;
}

uint64_t build_initial_stack(mem::GuestMemory& memory, uint64_t stack_top, uint64_t stack_size,
                             const StackImage& image) {
  const uint64_t stack_floor = stack_top - stack_size;
  uint64_t sp = stack_top;
  auto push_bytes = [&](const void* data, uint64_t len) {
    if (sp - stack_floor < len + 4096)
      throw LoadError("arguments and environment do not fit on the stack");
    sp -= len;
    memory.poke(sp, data, len);
    return sp;
  };
  auto push_string = [&](const std::string& s) { return push_bytes(s.c_str(), s.size() + 1); };

  const uint64_t zero = 0;
  push_bytes(&zero, sizeof zero);  // end marker, as Linux leaves above the strings
  const uint64_t execfn = push_string(image.execfn);
  std::vector<uint64_t> env_ptrs, arg_ptrs;
  for (auto it = image.env.rbegin(); it != image.env.rend(); ++it)
    env_ptrs.push_back(push_string(*it));
  for (auto it = image.argv.rbegin(); it != image.argv.rend(); ++it)
    arg_ptrs.push_back(push_string(*it));
  sp &= ~uint64_t{15};
  const uint64_t random = push_bytes(image.random.data(), image.random.size());

  const std::vector<std::pair<uint64_t, uint64_t>> auxv = {
      {AT_PHDR, image.phdr},
      {AT_PHENT, image.phent},
      {AT_PHNUM, image.phnum},
      {AT_PAGESZ, mem::kPageSize},
      {AT_BASE, 0},
      {AT_FLAGS, 0},
      {AT_ENTRY, image.entry},
      {AT_UID, image.uid},
      {AT_EUID, image.euid},
      {AT_GID, image.gid},
      {AT_EGID, image.egid},
      {AT_SECURE, 0},
      {AT_HWCAP, image.hwcap},
      {AT_CLKTCK, 100},
      {AT_RANDOM, random},
      {AT_EXECFN, execfn},
      {AT_NULL, 0},
  };
  std::vector<uint64_t> words;
  words.push_back(image.argv.size());
  for (auto it = arg_ptrs.rbegin(); it != arg_ptrs.rend(); ++it) words.push_back(*it);
  words.push_back(0);
  for (auto it = env_ptrs.rbegin(); it != env_ptrs.rend(); ++it) words.push_back(*it);
  words.push_back(0);
  for (auto [key, value] : auxv) {
    words.push_back(key);
    words.push_back(value);
  }
  sp -= words.size() * sizeof(uint64_t);
  sp &= ~uint64_t{15};  // the ABI wants sp 16-byte aligned at entry, pointing at argc
  if (sp - stack_floor < 4096) throw LoadError("arguments and environment do not fit on the stack");
  memory.poke(sp, words.data(), words.size() * sizeof(uint64_t));
  return sp;
}

}  // namespace vm::runtime
