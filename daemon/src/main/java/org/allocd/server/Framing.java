package org.allocd.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The frame header shared by both directions: 'A', 'L', version 1, reserved 0, then the payload
 * length as an unsigned 32-bit big-endian integer. See docs/protocol.md.
 */
final class Framing {
    static final int HEADER_BYTES = 8;
    static final byte MAGIC_0 = 'A';
    static final byte MAGIC_1 = 'L';
    static final byte VERSION = 1;
    private static final int LENGTH_OFFSET = 4;

    private Framing() {}

    /**
     * What is wrong with the header bytes received so far, or null if nothing yet. Checks a partial
     * header too, so a client sending e.g. bare JSON learns at once instead of waiting for 8 bytes.
     */
    static String headerProblem(ByteBuf in, int maxPayloadBytes) {
        int start = in.readerIndex();
        int available = Math.min(in.readableBytes(), HEADER_BYTES);
        if ((available > 0 && in.getByte(start) != MAGIC_0) || (available > 1 && in.getByte(start + 1) != MAGIC_1)) {
            return "frame does not start with the magic bytes 'A','L' (got " + hexBytes(in, start, available)
                    + "); every message is an 8-byte header 'A','L',1,0,<payload length, u32 big-endian>"
                    + " followed by one JSON object, see docs/protocol.md";
        }
        if (available > 2 && in.getByte(start + 2) != VERSION) {
            return "unsupported protocol version " + Byte.toUnsignedInt(in.getByte(start + 2))
                    + "; this server speaks version " + VERSION;
        }
        if (available > 3 && in.getByte(start + 3) != 0) {
            return "reserved header byte must be 0, got " + Byte.toUnsignedInt(in.getByte(start + 3));
        }
        if (available == HEADER_BYTES && payloadLength(in) > maxPayloadBytes) {
            return "payload length " + payloadLength(in) + " bytes exceeds this socket's limit of "
                    + maxPayloadBytes + " bytes";
        }
        return null;
    }

    /** The payload length of the complete header at the reader index. */
    static long payloadLength(ByteBuf in) {
        return in.getUnsignedInt(in.readerIndex() + LENGTH_OFFSET);
    }

    /** A frame around an encoded payload, without copying it. */
    static ByteBuf frame(byte[] payload) {
        byte[] header = {MAGIC_0, MAGIC_1, VERSION, 0,
                (byte) (payload.length >>> 24), (byte) (payload.length >>> 16),
                (byte) (payload.length >>> 8), (byte) payload.length};
        return Unpooled.wrappedBuffer(header, payload);
    }

    private static String hexBytes(ByteBuf in, int start, int count) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < count; i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("0x%02x", in.getByte(start + i)));
        }
        return hex.toString();
    }
}
