package dev.uploadgate.client;

import java.security.MessageDigest;
import java.util.zip.Checksum;

/**
 * A part's value in the making: fed chunk by chunk as the part is read, while the bytes are still
 * in the CPU's cache, then finished into a {@link PartDigest}. One per part; not thread-safe.
 */
abstract class PartHash {
    private long length;

    static PartHash of(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32C, CRC64NVME -> new CrcHash(algorithm.crc());
            case SHA256 -> new DigestHash(Digests.sha256());
            case MD5 -> new DigestHash(Digests.md5());
            case NONE -> new NoHash();
        };
    }

    final void update(byte[] bytes, int offset, int length) {
        feed(bytes, offset, length);
        this.length += length;
    }

    final PartDigest finish() {
        return new PartDigest(value(), length);
    }

    /** The value of the bytes {@code offset..offset+length} of {@code bytes} alone. */
    static PartDigest of(ChecksumAlgorithm algorithm, byte[] bytes, int offset, int length) {
        PartHash hash = of(algorithm);
        for (int done = 0; done < length; done += Digests.UPDATE_CHUNK) {
            hash.update(bytes, offset + done, Math.min(Digests.UPDATE_CHUNK, length - done));
        }
        return hash.finish();
    }

    abstract void feed(byte[] bytes, int offset, int length);

    abstract byte[] value();

    private static final class CrcHash extends PartHash {
        private final Crc crc;
        private final Checksum checksum;

        CrcHash(Crc crc) {
            this.crc = crc;
            this.checksum = crc.newChecksum();
        }

        @Override
        void feed(byte[] bytes, int offset, int length) {
            checksum.update(bytes, offset, length);
        }

        @Override
        byte[] value() {
            return crc.bytes(checksum.getValue());
        }
    }

    private static final class DigestHash extends PartHash {
        private final MessageDigest digest;

        DigestHash(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        void feed(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }

        @Override
        byte[] value() {
            return digest.digest();
        }
    }

    private static final class NoHash extends PartHash {
        @Override
        void feed(byte[] bytes, int offset, int length) {
            // NONE: nothing to compute
        }

        @Override
        byte[] value() {
            return new byte[0];
        }
    }
}
