from cffi import FFI
ffi = FFI()
ffi.cdef("""
    int addTwo(int);
""")

C = ffi.dlopen("../anyName/target/debug/libpython_ffi.so")

print(C.addTwo(10))
