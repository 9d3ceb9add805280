package dev.uploadgate.client;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.Checksum;

/**
 * The CRCs S3 stores (reflected, initial value and final XOR all ones), and how to combine the CRCs
 * of two adjacent pieces into the CRC of both without reading them again: parts are read in
 * parallel, in any order, and a full-object checksum is the CRC of the whole file. The combination
 * is zlib's ({@code crc32_combine}): crc(A then B) = crc(A) x^(8 |B|) + crc(B) in GF(2)[x] modulo
 * the polynomial, which holds because the initial value equals the final XOR.
 */
final class Crc {
    static final Crc CRC32 = new Crc("CRC32", 32, 0xEDB88320L, java.util.zip.CRC32::new);
    static final Crc CRC32C = new Crc("CRC32C", 32, 0x82F63B78L, java.util.zip.CRC32C::new);
    static final Crc CRC64NVME = new Crc("CRC64NVME", 64, Crc64Nvme.REFLECTED_POLY, Crc64Nvme::new);

    private final String name;
    private final int width;
    private final long reflectedPoly;
    private final Supplier<Checksum> factory;
    /** {@code powers[k]} = x^(2^k) modulo the polynomial, for lengths up to 2^63 bytes (k up to 66). */
    private final long[] powers = new long[67];

    private Crc(String name, int width, long reflectedPoly, Supplier<Checksum> factory) {
        this.name = name;
        this.width = width;
        this.reflectedPoly = reflectedPoly;
        this.factory = factory;
        long p = 1L << (width - 2); // x^1: in reflected order the top bit is x^0
        for (int k = 0; k < powers.length; k++) {
            powers[k] = p;
            p = multiply(p, p);
        }
    }

    /** The CRC S3 calls {@code name} (CRC32, CRC32C or CRC64NVME). */
    static Optional<Crc> named(String name) {
        return Arrays.stream(new Crc[] {CRC32, CRC32C, CRC64NVME}).filter(c -> c.name.equals(name)).findFirst();
    }

    String name() {
        return name;
    }

    Checksum newChecksum() {
        return factory.get();
    }

    /** The CRC of {@code bytes}. */
    long of(byte[] bytes, int offset, int length) {
        Checksum checksum = newChecksum();
        checksum.update(bytes, offset, length);
        return checksum.getValue();
    }

    /** The CRC of A then B, from the CRC of A, the CRC of B and the length of B. */
    long combine(long crcA, long crcB, long lengthB) {
        if (lengthB < 0) {
            throw new IllegalArgumentException("length must not be negative, not " + lengthB);
        }
        return multiply(xPowerOfTwoTimes(lengthB, 3), crcA) ^ crcB;
    }

    /** The value as S3 sends it: big-endian bytes (4 or 8), to be base64-encoded. */
    byte[] bytes(long value) {
        byte[] bytes = new byte[width / 8];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (value >>> (8 * (bytes.length - 1 - i)));
        }
        return bytes;
    }

    long value(byte[] bytes) {
        if (bytes.length != width / 8) {
            throw new IllegalArgumentException(name + " values have " + width / 8 + " bytes, not " + bytes.length);
        }
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }

    /** a times b modulo the polynomial, both in reflected order. */
    private long multiply(long a, long b) {
        long m = 1L << (width - 1);
        long product = 0;
        while (m != 0) {
            if ((a & m) != 0) {
                product ^= b;
                if ((a & (m - 1)) == 0) {
                    break;
                }
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ reflectedPoly : b >>> 1;
        }
        return product;
    }

    /** x^(n * 2^k) modulo the polynomial: x^(8n) for n bytes with k = 3. */
    private long xPowerOfTwoTimes(long n, int k) {
        long p = 1L << (width - 1); // x^0
        for (int bit = k; n != 0; n >>>= 1, bit++) {
            if ((n & 1) != 0) {
                p = multiply(powers[bit], p);
            }
        }
        return p;
    }
}
