package dev.uploadgate.functions.service;

/**
 * The last derived SigV4 signing key, so a batch of URLs (and the next request of the same day)
 * derives it once instead of four HMACs per URL. The key is a pure function of the secret, the
 * scope date and the region, and the cache compares all three (and the access key id) on every
 * use, so a key derived while priming a SnapStart snapshot is only reused after a restore when the
 * credentials and the day are still the same, which is exactly when it is still the right key.
 */
public final class SigningKeys {
    private static final String SERVICE = "s3";

    private volatile Entry last;

    /** The signing key for the given credentials, scope date (yyyyMMdd) and region. */
    byte[] key(String accessKeyId, String secret, String date, String region) {
        Entry entry = last;
        if (entry == null || !entry.matches(accessKeyId, secret, date, region)) {
            entry = new Entry(accessKeyId, secret, date, region, SigV4Keys.signingKey(secret, date, region, SERVICE));
            last = entry;
        }
        return entry.key.clone();
    }

    private static final class Entry {
        private final String accessKeyId;
        private final String secret;
        private final String date;
        private final String region;
        private final byte[] key;

        Entry(String accessKeyId, String secret, String date, String region, byte[] key) {
            this.accessKeyId = accessKeyId;
            this.secret = secret;
            this.date = date;
            this.region = region;
            this.key = key;
        }

        boolean matches(String accessKeyId, String secret, String date, String region) {
            return this.accessKeyId.equals(accessKeyId) && this.secret.equals(secret) && this.date.equals(date) && this.region.equals(region);
        }
    }
}
