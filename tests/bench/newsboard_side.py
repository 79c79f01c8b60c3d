"""Starts `newsboard play` on a variant playlist, and reads its frame log
(NEWSBOARD_FRAME_LOG: "<µs steady clock> <in transition 0/1> <draw µs> <present µs>" a frame)."""
import os
import subprocess

from workload import SOURCE


class Newsboard:
    def __init__(self, binary, x, env_extra, folder):
        self.binary, self.x, self.env_extra, self.folder = binary, x, env_extra, folder

    def start(self, playlist, frames=False):
        env = dict(self.x.env, NEWSBOARD_FONT_DIR=os.path.join(SOURCE, "fonts"), **self.env_extra)
        self.log = os.path.join(self.folder, "frames.log") if frames else None
        if self.log:
            env["NEWSBOARD_FRAME_LOG"] = self.log
        self.proc = subprocess.Popen([self.binary, "play", playlist], env=env, stderr=subprocess.DEVNULL)
        return self.proc.pid

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=5)

    def renderer(self):
        """The renderer the running player chose, from the libraries it has mapped."""
        maps = open(f"/proc/{self.proc.pid}/maps").read()
        if "swrast_dri" in maps or "libLLVM" in maps:
            return "opengl (Mesa llvmpipe)"
        return "opengl / opengles2 (GPU)" if "_dri.so" in maps else "software"

    def frame_times(self):
        """Each crossfade: the first frame's own time (drawing both pages into textures,
        blending, presenting), then the gap from each frame to the next through the fade, and
        to the frame that shows the new page alone when it follows at once. A final frame that
        comes only with the next slide change (the fade stood unfinished) counts in `late`."""
        stamps = [tuple(map(int, line.split())) for line in open(self.log) if line.strip()]
        times, self.late, self.fades = [], 0, 0
        for before, frame in zip(stamps, stamps[1:]):
            gap = (frame[0] - before[0]) / 1000
            if frame[1] == 1 and (before[1] == 0 or gap > 400):
                self.fades += 1
                times.append((frame[2] + frame[3]) / 1000)
            elif before[1] == 1 and gap <= 400:
                times.append(gap)
            elif before[1] == 1:
                self.late += 1
        return times
