// The part of the WebAssembly JS API the kernel loader uses. TypeScript declares it only in the DOM
// lib, which this Node project does not load; Node provides the global at run time.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
  }
}
