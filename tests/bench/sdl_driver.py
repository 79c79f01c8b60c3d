"""Which SDL render driver `newsboard play` gets on this X server: the same request the player
makes (platform/display.cpp: accelerated default, vsync, target textures), through ctypes in a
child process with the player's environment. For OpenGL, the GL renderer string too."""
import subprocess
import sys

_PROBE = r'''
import ctypes
sdl = ctypes.CDLL("libSDL2-2.0.so.0")
class Info(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("flags", ctypes.c_uint32), ("n", ctypes.c_uint32),
                ("formats", ctypes.c_uint32 * 16), ("max_w", ctypes.c_int), ("max_h", ctypes.c_int)]
sdl.SDL_CreateWindow.restype = ctypes.c_void_p
sdl.SDL_CreateRenderer.restype = ctypes.c_void_p
sdl.SDL_GL_GetProcAddress.restype = ctypes.c_void_p
SDL_INIT_VIDEO, SDL_WINDOW_HIDDEN, PRESENTVSYNC, TARGETTEXTURE = 0x20, 0x8, 0x4, 0x8
sdl.SDL_Init(SDL_INIT_VIDEO)
w = sdl.SDL_CreateWindow(b"probe", 0, 0, 64, 64, SDL_WINDOW_HIDDEN)
r = sdl.SDL_CreateRenderer(ctypes.c_void_p(w), -1, PRESENTVSYNC | TARGETTEXTURE)
info = Info()
sdl.SDL_GetRendererInfo(ctypes.c_void_p(r), ctypes.byref(info))
name = info.name.decode()
if name.startswith("opengl"):
    get_string = ctypes.CFUNCTYPE(ctypes.c_char_p, ctypes.c_uint)(sdl.SDL_GL_GetProcAddress(b"glGetString"))
    name += " (" + get_string(0x1F01).decode() + ")"  # GL_RENDERER
print(name)
'''


def driver_name(env):
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=30)
    return out.stdout.strip() or "unknown"
