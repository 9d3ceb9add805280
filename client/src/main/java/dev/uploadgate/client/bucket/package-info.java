/**
 * Checks that an existing bucket is set up for uploadgate: each rule ({@link CorsCheck},
 * {@link LifecycleCheck}, ...) is a pure function from the {@link BucketSettings} that
 * {@link BucketReader} (the only class here that calls S3) fetched, to a {@link CheckItem} with the
 * AWS CLI command that fixes it.
 *
 * <pre>{@code
 * try (BucketReader reader = BucketReader.connect(null, "eu-west-1")) {
 *     BucketSettings settings = reader.read("my-uploads");
 *     BucketReport report = BucketCheck.standard().evaluate(settings,
 *             new CheckTarget("my-uploads", List.of("https://app.example.com"), "uploads/", AwsCli.forRegion("eu-west-1")));
 *     report.items().forEach(item -> System.out.println(item.status() + " " + item.detail()));
 * }
 * }</pre>
 */
package dev.uploadgate.client.bucket;
