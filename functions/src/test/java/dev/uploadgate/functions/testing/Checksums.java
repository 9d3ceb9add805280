package dev.uploadgate.functions.testing;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/** S3's checksum values of test data, as a client computes them: base64 of the big-endian digest. */
public final class Checksums {
    /** CRC-64/NVME, reflected: the polynomial S3 uses. */
    private static final long CRC64_NVME_POLY = 0x9a6c9329ac4bc9b5L;
    private static final long[] CRC64_TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ CRC64_NVME_POLY : crc >>> 1;
            }
            CRC64_TABLE[i] = crc;
        }
    }

    private Checksums() {
    }

    public static String of(String algorithm, byte[] data) {
        return switch (algorithm) {
            case "CRC32" -> {
                CRC32 crc = new CRC32();
                crc.update(data);
                yield base64(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            }
            case "CRC32C" -> {
                CRC32C crc = new CRC32C();
                crc.update(data);
                yield base64(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            }
            case "CRC64NVME" -> base64(ByteBuffer.allocate(8).putLong(crc64Nvme(data)).array());
            case "SHA1" -> base64(digest("SHA-1", data));
            case "SHA256" -> base64(digest("SHA-256", data));
            default -> throw new IllegalArgumentException(algorithm);
        };
    }

    /** S3's COMPOSITE value of a multipart object: the digest of the parts' digests, then "-N". */
    public static String composite(String algorithm, List<byte[]> parts) {
        ByteBuffer digests = ByteBuffer.allocate(parts.size() * 64);
        for (byte[] part : parts) {
            digests.put(Base64.getDecoder().decode(of(algorithm, part)));
        }
        byte[] concatenated = new byte[digests.position()];
        digests.flip().get(concatenated);
        return of(algorithm, concatenated) + "-" + parts.size();
    }

    static long crc64Nvme(byte[] data) {
        long crc = ~0L;
        for (byte b : data) {
            crc = CRC64_TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
        }
        return ~crc;
    }

    private static byte[] digest(String name, byte[] data) {
        try {
            return MessageDigest.getInstance(name).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
