"""Workshop rooms: what participants chose to share, seen together on the projector.

The one place the app keeps anything user-derived beyond a session: only what a participant
shared by their own action, scoped to one room, deleted when the room ends, is reset, or has
been idle for `store.LIFETIME_S`.

- `model`: a room and a shared answer, with their caps.
- `store`: rooms over a key-value backend (in memory for one process, Redis for several).
- `share`: what a participant's strategy would share, exactly (the preview is the payload).
- `aggregate`: the projector's counts, the wall of whys, the trainer's CSV and PDF.
- `address`: the join link participants' phones can reach.
"""
