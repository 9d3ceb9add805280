package dev.uploadgate.client.testing;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32C;

/** Checksums of whole test files computed here, independently of the client's part arithmetic. */
public final class Checksums {
    private Checksums() {
    }

    /** The CRC32C of the bytes as S3 reports a FULL_OBJECT one: base64 of the four big-endian bytes. */
    public static String crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
