/* The Rust library's add, called from three hand-written C wrappers that
   differ only in how Python passes the arguments and in the GIL. Built by
   call_cost.py, for comparison with cffi's generated wrapper. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

int64_t add(int64_t a, int64_t b); /* in libcall_cost */

/* Both arguments as int64_t; 0 with an exception set on failure. */
static int two_ints(PyObject *x, PyObject *y, int64_t *a, int64_t *b)
{
    *a = PyLong_AsLongLong(x);
    if (*a == -1 && PyErr_Occurred())
        return 0;
    *b = PyLong_AsLongLong(y);
    return !(*b == -1 && PyErr_Occurred());
}

/* METH_FASTCALL: the arguments arrive as a C array. Keeps the GIL. */
static PyObject *fast(PyObject *self, PyObject *const *args, Py_ssize_t n)
{
    int64_t a, b;
    (void)self;
    if (n != 2) {
        PyErr_SetString(PyExc_TypeError, "add takes 2 arguments");
        return NULL;
    }
    if (!two_ints(args[0], args[1], &a, &b))
        return NULL;
    return PyLong_FromLongLong(add(a, b));
}

/* The same, releasing the GIL around the call, as cffi does. */
static PyObject *fast_release(PyObject *self, PyObject *const *args,
                              Py_ssize_t n)
{
    int64_t a, b, sum;
    (void)self;
    if (n != 2) {
        PyErr_SetString(PyExc_TypeError, "add takes 2 arguments");
        return NULL;
    }
    if (!two_ints(args[0], args[1], &a, &b))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    sum = add(a, b);
    Py_END_ALLOW_THREADS
    return PyLong_FromLongLong(sum);
}

/* METH_VARARGS, as cffi registers it: a tuple to unpack. Releases the
   GIL. What cffi adds beyond this is its errno handling and helpers. */
static PyObject *tuple_release(PyObject *self, PyObject *args)
{
    PyObject *x, *y;
    int64_t a, b, sum;
    (void)self;
    if (!PyArg_UnpackTuple(args, "add", 2, 2, &x, &y))
        return NULL;
    if (!two_ints(x, y, &a, &b))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    sum = add(a, b);
    Py_END_ALLOW_THREADS
    return PyLong_FromLongLong(sum);
}

static PyMethodDef methods[] = {
    {"fast", (PyCFunction)(void (*)(void))fast, METH_FASTCALL, NULL},
    {"fast_release", (PyCFunction)(void (*)(void))fast_release,
     METH_FASTCALL, NULL},
    {"tuple_release", tuple_release, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "call_cost_conventions", NULL, -1, methods,
    NULL, NULL, NULL, NULL,
};

/* Single-phase init. On a free-threaded build (3.14t) a module that does
   not declare it runs without the GIL makes the interpreter turn the GIL
   on for the whole process; these wrappers hold no shared state. */
PyMODINIT_FUNC PyInit_call_cost_conventions(void)
{
    PyObject *m = PyModule_Create(&module);
#ifdef Py_GIL_DISABLED
    if (m != NULL)
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
