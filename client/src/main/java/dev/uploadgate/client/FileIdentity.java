package dev.uploadgate.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * What tells a file apart from a changed version of it, cheaply: its size, its modification time
 * and the SHA-256 of its first MiB. A resume also checks every part S3 holds against the file.
 */
record FileIdentity(long size, long modifiedMillis, String firstMibSha256) {
    static final int SAMPLE = 1024 * 1024;

    static FileIdentity of(Path file) throws IOException {
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        MessageDigest sha256 = Digests.sha256();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(SAMPLE, size));
            while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
                // read until the sample is full
            }
            buffer.flip();
            sha256.update(buffer);
        }
        return new FileIdentity(size, modified, Digests.hex(sha256.digest()));
    }
}
