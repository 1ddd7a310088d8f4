// procdash's shared memory between processes: an anonymous memory file (memfd) that the owner
// keeps open and its children map through /proc/<owner>/fd/<fd>, handed to JavaScript as a
// SharedArrayBuffer; and the futex wait and wake that Atomics.wait/notify cannot do across
// processes (they only wake waiters of one process). Linux only: elsewhere the module exports
// `supported: false` and procdash uses its broker.
#include <node.h>
#include <v8.h>

#if defined(__linux__)
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#endif

namespace {

using v8::ArrayBuffer;
using v8::BackingStore;
using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Int32Array;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::SharedArrayBuffer;
using v8::String;
using v8::Value;

void Throw(Isolate* isolate, const char* what, int error) {
  char message[256];
  snprintf(message, sizeof message, "%s: %s", what, strerror(error));
  isolate->ThrowException(v8::Exception::Error(
      String::NewFromUtf8(isolate, message).ToLocalChecked()));
}

#if defined(__linux__)

void Unmap(void* data, size_t length, void* /*deleter_data*/) {
  if (data != nullptr && length > 0) munmap(data, length);
}

// create(name, bytes) -> fd: a new memory file of `bytes` zeroed bytes, closed on exec.
void Create(const FunctionCallbackInfo<Value>& info) {
  Isolate* isolate = info.GetIsolate();
  String::Utf8Value name(isolate, info[0]);
  double bytes = info[1].As<v8::Number>()->Value();
  int fd = static_cast<int>(syscall(SYS_memfd_create, *name, MFD_CLOEXEC));
  if (fd < 0) return Throw(isolate, "memfd_create", errno);
  if (ftruncate(fd, static_cast<off_t>(bytes)) != 0) {
    int error = errno;
    close(fd);
    return Throw(isolate, "ftruncate", error);
  }
  info.GetReturnValue().Set(fd);
}

// grow(fd, bytes): makes the file `bytes` long; what is mapped already stays mapped.
void Grow(const FunctionCallbackInfo<Value>& info) {
  Isolate* isolate = info.GetIsolate();
  int fd = info[0].As<v8::Int32>()->Value();
  double bytes = info[1].As<v8::Number>()->Value();
  if (ftruncate(fd, static_cast<off_t>(bytes)) != 0) return Throw(isolate, "ftruncate", errno);
}

// map(fd | path, offset, length) -> SharedArrayBuffer over `length` bytes of the file from
// `offset` (a multiple of the page size), unmapped when the buffer is collected.
void Map(const FunctionCallbackInfo<Value>& info) {
  Isolate* isolate = info.GetIsolate();
  int fd;
  bool opened = false;
  if (info[0]->IsString()) {
    String::Utf8Value path(isolate, info[0]);
    fd = open(*path, O_RDWR | O_CLOEXEC);
    if (fd < 0) return Throw(isolate, "open", errno);
    opened = true;
  } else {
    fd = info[0].As<v8::Int32>()->Value();
  }
  double offset = info[1].As<v8::Number>()->Value();
  size_t length = static_cast<size_t>(info[2].As<v8::Number>()->Value());
  void* data = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
                    static_cast<off_t>(offset));
  int error = errno;
  if (opened) close(fd);
  if (data == MAP_FAILED) return Throw(isolate, "mmap", error);
  std::unique_ptr<BackingStore> store =
      SharedArrayBuffer::NewBackingStore(data, length, Unmap, nullptr);
  info.GetReturnValue().Set(SharedArrayBuffer::New(isolate, std::move(store)));
}

int* WordOf(const FunctionCallbackInfo<Value>& info) {
  Local<Int32Array> array = info[0].As<Int32Array>();
  int index = info[1].As<v8::Int32>()->Value();
  char* base = static_cast<char*>(array->Buffer()->Data()) + array->ByteOffset();
  return reinterpret_cast<int*>(base) + index;
}

// wait(int32array, index, expected, timeoutMs) -> 0 woken, 1 not equal, 2 timed out. Blocks the
// calling thread; not private, so a wake from any process that maps the memory ends it.
void Wait(const FunctionCallbackInfo<Value>& info) {
  int* word = WordOf(info);
  int expected = info[2].As<v8::Int32>()->Value();
  double timeoutMs = info[3].As<v8::Number>()->Value();
  struct timespec timeout;
  struct timespec* until = nullptr;
  if (timeoutMs >= 0 && timeoutMs < 1e12) {
    timeout.tv_sec = static_cast<time_t>(timeoutMs / 1000);
    timeout.tv_nsec = static_cast<long>((timeoutMs - timeout.tv_sec * 1000.0) * 1e6);
    until = &timeout;
  }
  long result = syscall(SYS_futex, word, FUTEX_WAIT, expected, until, nullptr, 0);
  int outcome = 0;
  if (result != 0) outcome = errno == EAGAIN ? 1 : errno == ETIMEDOUT ? 2 : 0;
  info.GetReturnValue().Set(outcome);
}

// wake(int32array, index, count) -> how many waiters, in any process, were woken.
void Wake(const FunctionCallbackInfo<Value>& info) {
  int* word = WordOf(info);
  int count = info[2].As<v8::Int32>()->Value();
  long woken = syscall(SYS_futex, word, FUTEX_WAKE, count, nullptr, nullptr, 0);
  info.GetReturnValue().Set(static_cast<int>(woken < 0 ? 0 : woken));
}

#endif

}  // namespace

NODE_MODULE_INIT(/* exports, module, context */) {
  Isolate* isolate = context->GetIsolate();
#if defined(__linux__)
  NODE_SET_METHOD(exports, "create", Create);
  NODE_SET_METHOD(exports, "grow", Grow);
  NODE_SET_METHOD(exports, "map", Map);
  NODE_SET_METHOD(exports, "wait", Wait);
  NODE_SET_METHOD(exports, "wake", Wake);
  exports->Set(context, String::NewFromUtf8Literal(isolate, "supported"), v8::True(isolate)).Check();
#else
  exports->Set(context, String::NewFromUtf8Literal(isolate, "supported"), v8::False(isolate)).Check();
#endif
}
