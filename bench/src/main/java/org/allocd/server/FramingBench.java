package org.allocd.server;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding one hook request as the server does: header checks, payload length,
 * then the strict JSON parse. In the server's package because Framing and
 * JsonCodec are package-private there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FramingBench {
    private static final int HOOK_MAX_PAYLOAD = 16 * 1024;
    private static final byte[] QUOTE = ("{\"op\":\"QUOTE\",\"cluster\":\"bench\",\"job_id\":123456,\"restart\":0,"
            + "\"user\":\"benchuser\",\"account\":\"bench\",\"partition\":\"gh200\",\"cpus\":4,"
            + "\"mem_bytes\":8000000000,\"gpus\":0,\"time_limit_s\":3600}").getBytes(StandardCharsets.UTF_8);

    private final JsonCodec codec = new JsonCodec(HOOK_MAX_PAYLOAD);
    private final ByteBuf frame = Framing.frame(QUOTE);

    @Benchmark
    public int header() {
        ByteBuf in = frame.duplicate();
        if (Framing.headerProblem(in, HOOK_MAX_PAYLOAD) != null) {
            throw new IllegalStateException("the benchmark frame is refused");
        }
        return (int) Framing.payloadLength(in);
    }

    @Benchmark
    public Object headerAndJson() {
        ByteBuf in = frame.duplicate();
        if (Framing.headerProblem(in, HOOK_MAX_PAYLOAD) != null) {
            throw new IllegalStateException("the benchmark frame is refused");
        }
        int length = (int) Framing.payloadLength(in);
        byte[] payload = new byte[length];
        in.getBytes(in.readerIndex() + Framing.HEADER_BYTES, payload);
        return codec.parseRequest(payload);
    }

    @Benchmark
    public byte[] encodeAnswer() {
        return codec.encode(codec.newObject().put("ok", true).put("verdict", "accept")
                .put("amount_micro_su", 1_000_000L).put("amount_su", "1").put("account", "bench"));
    }
}
