"""Build the one distribution of the Flux toolchain, ``flux-ls``: the ``flux_ls`` package and
the grammar's Python binding ``tree_sitter_flux``, compiled here from the committed C of
``tree-sitter-flux/src`` (``parser.c`` and ``scanner.c``), so that ``pip install`` of a clone or
a git URL, and pre-commit's ``language: python``, give working ``flux`` and ``flux-ls`` with no
second step. The metadata is in ``pyproject.toml``.

``tree-sitter-flux/`` stays a standard tree-sitter grammar repository with its own
``pyproject.toml`` and ``setup.py`` (``pip install ./tree-sitter-flux`` builds the same binding
on its own); this file only points at its sources.
"""

from platform import system

from setuptools import Extension, find_namespace_packages, setup

GRAMMAR = "tree-sitter-flux"
BINDING = f"{GRAMMAR}/bindings/python/tree_sitter_flux"

setup(
    packages=[*find_namespace_packages(include=["flux_ls", "flux_ls.*"]),
              "tree_sitter_flux", "tree_sitter_flux.queries"],
    package_dir={"tree_sitter_flux": BINDING, "tree_sitter_flux.queries": f"{GRAMMAR}/queries"},
    package_data={
        "flux_ls": ["*.lark", "py.typed", "runtime/*.c", "runtime/*.h"],
        "tree_sitter_flux": ["*.pyi", "py.typed"],
        "tree_sitter_flux.queries": ["*.scm"],
    },
    ext_modules=[
        Extension(
            name="tree_sitter_flux._binding",
            sources=[f"{BINDING}/binding.c", f"{GRAMMAR}/src/parser.c", f"{GRAMMAR}/src/scanner.c"],
            include_dirs=[f"{GRAMMAR}/src"],
            extra_compile_args=(["-std=c11", "-fvisibility=hidden"] if system() != "Windows"
                                else ["/std:c11", "/utf-8"]),
            define_macros=[("Py_LIMITED_API", "0x030B0000"), ("PY_SSIZE_T_CLEAN", None),
                           ("TREE_SITTER_HIDE_SYMBOLS", None)],
            py_limited_api=True,
        )
    ],
    options={"bdist_wheel": {"py_limited_api": "cp311"}},
    zip_safe=False,
)
