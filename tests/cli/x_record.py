"""Which core requests the X server executed, from every client, in the order it executed them:
the RECORD extension through libXtst (ctypes). What another client could have seen between two
requests follows from that order, where sampling the screen would only catch it by luck."""
import ctypes
import ctypes.util

# Core request opcodes (X11 protocol, "Encoding::Requests"); all core requests are 1..127.
GRAB_SERVER = 36
UNGRAB_SERVER = 37
PUT_IMAGE = 72

_ALL_CLIENTS = 3        # XRecordAllClients
_FROM_CLIENT = 1        # XRecordFromClient: the data is a request


class _InterceptData(ctypes.Structure):
    _fields_ = [("id_base", ctypes.c_ulong), ("server_time", ctypes.c_ulong), ("client_seq", ctypes.c_ulong),
                ("category", ctypes.c_int), ("client_swapped", ctypes.c_int),
                ("data", ctypes.POINTER(ctypes.c_ubyte)), ("data_len", ctypes.c_ulong)]


_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(_InterceptData))


class RequestLog:
    """Records every core request of every client from start() to stop(); `requests` is then
    [(client id base, opcode), ...] in the order the server executed them."""

    def __init__(self, display):
        self.x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self.xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.x11.XFree.argtypes = [ctypes.c_void_p]
        self.xtst.XRecordAllocRange.restype = ctypes.c_void_p
        self.xtst.XRecordCreateContext.restype = ctypes.c_ulong
        self.xtst.XRecordCreateContext.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_ulong),
                                                   ctypes.c_int, ctypes.POINTER(ctypes.c_void_p), ctypes.c_int]
        self.xtst.XRecordEnableContextAsync.argtypes = [ctypes.c_void_p, ctypes.c_ulong, _CALLBACK, ctypes.c_void_p]
        self.xtst.XRecordProcessReplies.argtypes = [ctypes.c_void_p]
        self.xtst.XRecordDisableContext.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self.xtst.XRecordFreeContext.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self.xtst.XRecordFreeData.argtypes = [ctypes.POINTER(_InterceptData)]
        # RECORD wants two connections: one that controls the context, one its data arrives on.
        self.control = self.x11.XOpenDisplay(display.encode())
        self.data = self.x11.XOpenDisplay(display.encode())
        if not self.control or not self.data:
            raise RuntimeError(f"cannot open {display} to record it")
        self.requests = []
        self.callback = _CALLBACK(self._intercepted)  # kept: libXtst calls it until stop()
        self.context = None

    def _intercepted(self, _closure, data):
        d = data.contents
        if d.category == _FROM_CLIENT and d.data_len > 0:
            self.requests.append((d.id_base, d.data[0]))
        self.xtst.XRecordFreeData(data)

    def start(self):
        ranges = self.xtst.XRecordAllocRange()
        first_last = ctypes.cast(ranges, ctypes.POINTER(ctypes.c_ubyte))  # core_requests.{first,last}
        first_last[0], first_last[1] = 1, 127
        clients = ctypes.c_ulong(_ALL_CLIENTS)
        range_list = (ctypes.c_void_p * 1)(ranges)
        self.context = self.xtst.XRecordCreateContext(self.control, 0, ctypes.byref(clients), 1, range_list, 1)
        self.x11.XFree(ranges)
        self.x11.XSync(self.control, 0)
        if not self.context or not self.xtst.XRecordEnableContextAsync(self.data, self.context, self.callback, None):
            raise RuntimeError("the X server would not record (no RECORD extension?)")

    def poll(self):
        """Takes in what the server has recorded so far."""
        self.xtst.XRecordProcessReplies(self.data)

    def stop(self):
        if self.context:
            self.xtst.XRecordDisableContext(self.control, self.context)
            self.x11.XSync(self.control, 0)
            self.poll()
            self.xtst.XRecordFreeContext(self.control, self.context)
            self.context = None
        self.x11.XCloseDisplay(self.data)
        self.x11.XCloseDisplay(self.control)
