package org.apache.kafka.tools;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Kafka's own ProducerPerformance (its loop, payload generator, timer and summary line, untouched) with the
 * record shape of the bench's other side: every record gets key {@code key-<i % keys>} and the same headers,
 * read from the shape file named by {@code -Dbench.shape}. Before the tool's timer starts, {@code warmup}
 * records of the same shape are sent and flushed, so the timed records meet a warm JVM and connected producer,
 * like a warm Lambda container's. Prints {@code BENCH_CPU_MS <n>}: the process's CPU time from the end of the
 * warm-up to exit.
 *
 * <p>Shape file (java.util.Properties): {@code keys}, {@code warmup}, {@code recordSize}, {@code topic},
 * {@code header.<n>.name}, {@code header.<n>.value}.
 */
public class KeyedProducerPerformance extends ProducerPerformance {
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        new KeyedProducerPerformance().start(args);
    }

    @Override
    KafkaProducer<byte[], byte[]> createKafkaProducer(Properties props) {
        Properties shape = new Properties();
        try (InputStream in = new FileInputStream(System.getProperty("bench.shape"))) {
            shape.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the shape file", e);
        }
        int keys = Integer.parseInt(shape.getProperty("keys"));
        List<Header> headers = new ArrayList<>();
        for (int n = 0; shape.getProperty("header." + n + ".name") != null; n++) {
            headers.add(new RecordHeader(shape.getProperty("header." + n + ".name"),
                shape.getProperty("header." + n + ".value").getBytes(StandardCharsets.UTF_8)));
        }
        Shaped producer = new Shaped(props, keys, headers);
        int warmup = Integer.parseInt(shape.getProperty("warmup"));
        int recordSize = Integer.parseInt(shape.getProperty("recordSize"));
        String topic = shape.getProperty("topic");
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < warmup; i++) {
            byte[] payload = new byte[recordSize];
            for (int j = 0; j < recordSize; j++) payload[j] = (byte) (random.nextInt(26) + 65);
            producer.send(new ProducerRecord<>(topic, payload), null);
        }
        producer.flush();
        producer.count = 0; // the timed records start at key-0, as the other side's event does
        long cpuStart = OS.getProcessCpuTime();
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
            System.out.println("BENCH_CPU_MS " + (OS.getProcessCpuTime() - cpuStart) / 1_000_000)));
        return producer;
    }

    /** A KafkaProducer that gives each record the key and headers of the shape. */
    static final class Shaped extends KafkaProducer<byte[], byte[]> {
        private final byte[][] keys;
        private final List<Header> headers;
        long count;

        Shaped(Properties props, int keys, List<Header> headers) {
            super(props);
            this.keys = new byte[keys][];
            for (int i = 0; i < keys; i++) this.keys[i] = ("key-" + i).getBytes(StandardCharsets.UTF_8);
            this.headers = headers;
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            byte[] key = keys.length == 0 ? null : keys[(int) (count++ % keys.length)];
            return super.send(new ProducerRecord<>(record.topic(), null, key, record.value(), headers), callback);
        }
    }
}
