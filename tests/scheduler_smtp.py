"""A minimal SMTP server on 127.0.0.1 for the notification tests (no extra dependency)."""

import asyncio
import threading


class SmtpSink:
    """Accepts mail on 127.0.0.1 and keeps (mail from, recipients, message bytes)."""

    def __init__(self):
        self.received: list[tuple[str, list[str], bytes]] = []
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self):
        self.thread.start()
        self.ready.wait(5)
        return self

    def __exit__(self, *exc):
        self.loop.call_soon_threadsafe(self.server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)

    def _serve(self):
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(asyncio.start_server(self._session, "127.0.0.1", 0))
        self.port = self.server.sockets[0].getsockname()[1]
        self.ready.set()
        self.loop.run_forever()

    async def _session(self, reader, writer):
        async def reply(line):
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

        await reply("220 sink ready")
        sender, recipients = "", []
        while line := await reader.readline():
            command = line.decode().strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                await reply("250-sink\r\n250 8BITMIME")
            elif verb == "HELO":
                await reply("250 sink")
            elif verb == "MAIL":
                sender, recipients = command[10:].strip("<>"), []
                await reply("250 ok")
            elif verb == "RCPT":
                recipients.append(command[8:].strip("<>"))
                await reply("250 ok")
            elif verb == "DATA":
                await reply("354 go on")
                lines = []
                while (data := await reader.readline()) != b".\r\n":
                    lines.append(data[1:] if data.startswith(b"..") else data)
                self.received.append((sender, recipients, b"".join(lines)))
                await reply("250 queued")
            elif verb == "QUIT":
                await reply("221 bye")
                break
            else:
                await reply("250 ok")
        writer.close()
