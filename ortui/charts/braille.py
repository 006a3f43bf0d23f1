"""Lines at braille resolution: 2 × 4 dots a cell, each cell in the colour drawn last."""

from __future__ import annotations

from ortui.charts.canvas import Canvas

DOT_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))


class BrailleLayer:
    """Dots on a ``width`` × ``height`` cell area (``2·width`` × ``4·height`` dots)."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.bits: dict[tuple[int, int], int] = {}
        self.roles: dict[tuple[int, int], int | str] = {}

    def dot(self, x: int, y: int, role: int | str) -> None:
        if 0 <= x < 2 * self.width and 0 <= y < 4 * self.height:
            cell = (x >> 1, y >> 2)
            self.bits[cell] = self.bits.get(cell, 0) | DOT_BITS[x & 1][y & 3]
            self.roles[cell] = role

    def line(
        self, x0: int, y0: int, x1: int, y1: int, role: int | str, dotted: bool = False
    ) -> None:
        """Bresenham from (x0, y0) to (x1, y1), both ends drawn; ``dotted`` skips every
        other dot (a bucket still in progress)."""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        error = dx + dy
        index = 0
        while True:
            if not dotted or index % 2 == 0 or (x0, y0) == (x1, y1):
                self.dot(x0, y0, role)
            if x0 == x1 and y0 == y1:
                return
            doubled = 2 * error
            if doubled >= dy:
                error += dy
                x0 += sx
            if doubled <= dx:
                error += dx
                y0 += sy
            index += 1

    def paint(self, canvas: Canvas, left: int, top: int) -> None:
        for (x, y), bits in self.bits.items():
            canvas.put(left + x, top + y, chr(0x2800 + bits), self.roles[(x, y)])
