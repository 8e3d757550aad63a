/* Exercises the system calls ordinary C programs make, printing only results that are the
 * same on every Linux (no addresses, times or ids), so vmrun and qemu-riscv64 must print the
 * same bytes: files (open/read/write/lseek/pread/pwrite/fstat/stat/readv/writev/dup/unlink),
 * directories (mkdir/getdents/rmdir/getcwd/chdir), memory (brk, mmap, munmap, mprotect, mremap,
 * MADV_DONTNEED, file-backed private mappings), pipes, and error paths (EBADF, ENOENT, EFAULT,
 * EINVAL, ENOMEM), sysinfo, posix_fadvise and ppoll (which xz calls). Runs in a scratch directory it creates under the working directory. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/uio.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char* what) {
  printf("%-40s %s\n", what, ok ? "ok" : "FAILED");
  if (!ok) failures++;
}

static void files(void) {
  const char* name = "vmbench_syscalls.dat";
  int fd = open(name, O_CREAT | O_TRUNC | O_RDWR, 0600);
  check(fd >= 0, "open O_CREAT");
  check(write(fd, "hello, world\n", 13) == 13, "write");
  check(lseek(fd, 0, SEEK_CUR) == 13, "lseek SEEK_CUR");
  check(lseek(fd, 7, SEEK_SET) == 7, "lseek SEEK_SET");
  char buf[32] = {0};
  check(read(fd, buf, sizeof buf) == 6 && memcmp(buf, "world\n", 6) == 0, "read after seek");
  check(pwrite(fd, "H", 1, 0) == 1, "pwrite");
  check(pread(fd, buf, 5, 0) == 5 && memcmp(buf, "Hello", 5) == 0, "pread");
  struct iovec iov[2] = {{"abc", 3}, {"defg", 4}};
  check(lseek(fd, 0, SEEK_END) == 13 && writev(fd, iov, 2) == 7, "writev");
  struct stat st;
  check(fstat(fd, &st) == 0 && st.st_size == 20 && S_ISREG(st.st_mode), "fstat size and type");
  check(stat(name, &st) == 0 && st.st_size == 20 && (st.st_mode & 0777) == 0600, "stat mode");
  char a[4] = {0}, b[4] = {0};
  struct iovec riov[2] = {{a, 3}, {b, 3}};
  check(lseek(fd, 13, SEEK_SET) == 13 && readv(fd, riov, 2) == 6 && memcmp(a, "abc", 3) == 0 &&
            memcmp(b, "def", 3) == 0,
        "readv");
  int copy = dup(fd);
  check(copy > fd && lseek(copy, 0, SEEK_CUR) == 19, "dup shares the offset");
  close(copy);

  /* A private file mapping is a copy of the file. */
  char* map = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
  check(map != MAP_FAILED && memcmp(map, "Hello, world\nabcdefg", 20) == 0 && map[20] == 0,
        "mmap of a file");
  munmap(map, 4096);
  close(fd);
  check(unlink(name) == 0, "unlink");
  check(open(name, O_RDONLY) == -1 && errno == ENOENT, "open missing file: ENOENT");
  check(read(9999, buf, 1) == -1 && errno == EBADF, "read bad fd: EBADF");
  /* volatile: the compiler would otherwise warn that the (deliberately) bad buffer is empty. */
  const void* volatile bad_pointer = (const void*)16;
  check(write(1, bad_pointer, 1) == -1 && errno == EFAULT, "write from bad pointer: EFAULT");
}

static void directories(void) {
  char cwd[4096];
  check(getcwd(cwd, sizeof cwd) != NULL, "getcwd");
  check(mkdir("vmbench_dir", 0700) == 0, "mkdir");
  check(chdir("vmbench_dir") == 0, "chdir");
  int fd = open("inside", O_CREAT | O_WRONLY, 0600);
  close(fd);
  DIR* dir = opendir(".");
  int entries = 0, found = 0;
  for (struct dirent* e; dir && (e = readdir(dir)) != NULL;) {
    entries++;
    found |= strcmp(e->d_name, "inside") == 0;
  }
  if (dir) closedir(dir);
  check(entries == 3 && found, "getdents sees ., .. and the file");
  check(unlink("inside") == 0 && chdir(cwd) == 0 && rmdir("vmbench_dir") == 0, "cleanup");
}

static void memory(void) {
  char* start = sbrk(0);
  check(sbrk(100000) == start && sbrk(0) == start + 100000, "brk grows");
  memset(start, 0x5a, 100000);
  check(sbrk(-100000) == start + 100000 && sbrk(0) == start, "brk shrinks");

  size_t len = 1 << 20;
  unsigned char* p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  check(p != MAP_FAILED && p[0] == 0 && p[len - 1] == 0, "anonymous mmap is zeroed");
  memset(p, 7, len);
  check(madvise(p, len, MADV_DONTNEED) == 0 && p[12345] == 0, "MADV_DONTNEED zeroes pages");
  p[0] = 42;
  unsigned char* q = mremap(p, len, 4 * len, MREMAP_MAYMOVE);
  check(q != MAP_FAILED && q[0] == 42 && q[4 * len - 1] == 0, "mremap grows and keeps data");
  check(mprotect(q, 4096, PROT_READ) == 0, "mprotect");
  check(munmap(q, 4 * len) == 0, "munmap");
  check(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
            errno == EINVAL,
        "mmap length 0: EINVAL");
  check(mprotect((void*)0x1000, 4096, PROT_READ) == -1 && errno == ENOMEM,
        "mprotect unmapped: ENOMEM");
  void* fixed = mmap((void*)0x200000000, 8192, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  check(fixed == (void*)0x200000000, "MAP_FIXED at the requested address");
  /* Not checked: MAP_FIXED_NOREPLACE over a mapping gives EEXIST on Linux (and vmrun) but
   * qemu-riscv64 7.2 maps it anyway, so the oracle cannot judge it. */
  munmap(fixed, 8192);
  char* big = malloc(64 << 20);
  check(big != NULL, "malloc 64 MiB");
  memset(big, 1, 64 << 20);
  free(big);
}

static void pipes(void) {
  int fds[2];
  check(pipe(fds) == 0, "pipe");
  struct pollfd idle = {fds[0], POLLIN, 0};
  struct timespec zero = {0, 0};
  check(ppoll(&idle, 1, &zero, NULL) == 0, "ppoll empty pipe: 0 ready");
  check(write(fds[1], "ping", 4) == 4, "write to pipe");
  struct pollfd ready = {fds[0], POLLIN, 0};
  check(ppoll(&ready, 1, NULL, NULL) == 1 && (ready.revents & POLLIN), "ppoll: readable");
  char buf[8] = {0};
  check(read(fds[0], buf, sizeof buf) == 4 && memcmp(buf, "ping", 4) == 0, "read from pipe");
  close(fds[0]);
  close(fds[1]);
}

static void system_info(void) {
  struct sysinfo info;
  check(sysinfo(&info) == 0 && info.totalram > 0 && info.mem_unit > 0, "sysinfo");
  /* Not checked: sysinfo(NULL) is EFAULT on Linux (and vmrun) but qemu-riscv64 7.2 does not
   * fail it, so the oracle cannot judge it. */
  int fd = open("/proc/self/exe", O_RDONLY);
  check(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL) == 0, "posix_fadvise");
  check(posix_fadvise(-1, 0, 0, POSIX_FADV_SEQUENTIAL) == EBADF, "posix_fadvise bad fd: EBADF");
  close(fd);
}

int main(void) {
  files();
  system_info();
  directories();
  memory();
  pipes();
  printf("failures: %d\n", failures);
  return failures != 0;
}
