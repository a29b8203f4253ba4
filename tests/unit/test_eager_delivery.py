"""Faust's per-message delivery race runs the callback eagerly: no task when it completes at
once, and the same race as before (the callback may be abandoned when the flow is suspended)
when it has to wait."""

import asyncio

from mode.utils.locks import Event

from agents_topics.transport import _TunedConsumer, finish_started


def consumer() -> _TunedConsumer:
    c = _TunedConsumer.__new__(_TunedConsumer)
    c.suspend_flow = Event()
    c._stopped = Event()
    c._crashed = Event()
    c.loop = asyncio.get_running_loop()
    return c


def test_a_callback_that_completes_at_once_creates_no_task():
    async def main():
        c = consumer()
        delivered = []

        async def callback(message):
            delivered.append(message)
            return "ok"

        before = len(asyncio.all_tasks())
        created = []
        loop = asyncio.get_running_loop()
        loop.set_task_factory(lambda lp, coro, **kw: created.append(coro) or asyncio.Task(coro, loop=lp, **kw))
        try:
            result = await c.wait_first(callback("m1"), c.suspend_flow.wait())
        finally:
            loop.set_task_factory(None)
        assert delivered == ["m1"] and result.results == ["ok"] and not result.stopped
        assert created == [] and len(asyncio.all_tasks()) == before

    asyncio.run(main())


def test_a_callback_that_waits_is_finished_with_its_result():
    async def main():
        c = consumer()
        room = asyncio.get_running_loop().create_future()
        steps = []

        async def callback(message):
            steps.append("start")
            await asyncio.sleep(0)  # a bare yield
            got = await room  # e.g. a full stream buffer
            steps.append(got)
            return message

        asyncio.get_running_loop().call_later(0.01, room.set_result, "room")
        result = await c.wait_first(callback("m2"), c.suspend_flow.wait())
        assert steps == ["start", "room"] and "m2" in result.results

    asyncio.run(main())


def test_a_waiting_callback_is_abandoned_when_the_flow_is_suspended():
    async def main():
        c = consumer()
        never = asyncio.get_running_loop().create_future()
        cleaned = []

        async def callback(message):
            try:
                await never
            finally:
                cleaned.append(message)

        asyncio.get_running_loop().call_later(0.01, c.suspend_flow.set)
        await asyncio.wait_for(c.wait_first(callback("m3"), c.suspend_flow.wait()), 2)
        await asyncio.sleep(0)
        assert cleaned == ["m3"] and never.cancelled()

    asyncio.run(main())


def test_an_error_in_the_callback_propagates():
    async def main():
        c = consumer()

        async def callback(message):
            raise ValueError(message)

        try:
            await c.wait_first(callback("bad"), c.suspend_flow.wait())
        except ValueError as exc:
            assert str(exc) == "bad"
        else:
            raise AssertionError("the error was swallowed")

    asyncio.run(main())


def test_other_waits_are_modes():
    async def main():
        c = consumer()

        async def work():
            return 7

        result = await c.wait_first(work())  # one awaitable: Mode's own wait_first
        assert result.results == [7]

    asyncio.run(main())


def test_finish_started_resumes_like_a_task():
    async def main():
        fut = asyncio.get_running_loop().create_future()

        async def coro():
            value = await fut
            await asyncio.sleep(0)
            return value * 2

        c = coro()
        blocked_on = c.send(None)
        assert blocked_on is fut
        asyncio.get_running_loop().call_soon(fut.set_result, 21)
        assert await finish_started(c, blocked_on) == 42

    asyncio.run(main())
