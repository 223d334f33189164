"""Run risky work (reading uploads, drawing charts) in worker processes the server can lose.

One participant's file must never cost the server every participant shares: a parser that
allocates without end, a renderer that aborts its process, a regex that stalls. Each such job
runs in a warm worker process (`strategy.worker`), bounded in memory, time and number
(`pool`); a worker that overruns is killed and replaced, and the caller gets a reason in words.
"""
