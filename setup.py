"""Builds the fsdispatch extension with CMake (no downloads: pybind11, Eigen,
Boost, fmt and nlohmann-json come from the system's packages)."""
import os
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        target_dir = Path(self.get_ext_fullpath(ext.name)).resolve().parent
        build_dir = Path(self.build_temp).resolve() / "cmake"
        build_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run([
            "cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
            "-DFSD_BUILD_TESTS=OFF", "-DFSD_BUILD_APPS=OFF", "-DFSD_BUILD_EXAMPLES=OFF", "-DFSD_WERROR=OFF",
            "-DFSD_BUILD_PYTHON=ON", f"-DPython_EXECUTABLE={sys.executable}",
        ], check=True)
        jobs = str(os.cpu_count() or 1)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "_fsd", "-j", jobs], check=True)
        built = next((build_dir / "python" / "fsdispatch").glob("_fsd*.so"))
        target_dir.mkdir(parents=True, exist_ok=True)
        self.copy_file(str(built), str(target_dir / built.name))


setup(ext_modules=[CMakeExtension("fsdispatch._fsd")], cmdclass={"build_ext": CMakeBuild})
