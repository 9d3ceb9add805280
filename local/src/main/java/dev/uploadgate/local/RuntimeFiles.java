package dev.uploadgate.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where the build put what a function process runs from (target/function-runtime, written by the
 * assembly in src/assembly): {@code function/}, the functions' jar and runtime dependencies as
 * {@code sam build} packages them, and {@code lambda-runtime/}, the runtime interface client.
 *
 * @param function      the function package's jars
 * @param lambdaRuntime the Lambda runtime's jars
 */
record RuntimeFiles(Path function, Path lambdaRuntime) {
    /** Main class of aws-lambda-java-runtime-interface-client; the Handler string is its argument. */
    static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /**
     * Next to local.jar (target/), or next to target/classes when run from the build.
     *
     * @throws TemplateException naming the folder and the command that builds it, when it is missing
     */
    static RuntimeFiles besideLocalMode() {
        Path codeSource;
        try {
            codeSource = Path.of(RuntimeFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new TemplateException("cannot tell where local mode runs from: " + e);
        }
        return in(codeSource.toAbsolutePath().getParent().resolve("function-runtime"));
    }

    static RuntimeFiles in(Path root) {
        RuntimeFiles files = new RuntimeFiles(root.resolve("function"), root.resolve("lambda-runtime"));
        for (Path folder : new Path[] {files.function(), files.lambdaRuntime()}) {
            if (!hasJars(folder)) {
                throw new TemplateException("the functions' build output is missing: no jars in " + folder
                        + "; build it with `mvn -q -DskipTests package` (or run with --in-process)");
            }
        }
        return files;
    }

    /** The class path of a function process: the runtime's jars, then the package's (as in /var/runtime and /var/task). */
    String classPath() {
        return lambdaRuntime.resolve("*") + java.io.File.pathSeparator + function.resolve("*");
    }

    /**
     * Copies the runtime client's native library for this machine out of its jar, once, into
     * {@code folder}. Left to itself every runtime process extracts it to the same fixed file,
     * /tmp/.libaws-lambda-jni.so (in Lambda each environment has its own /tmp), so processes
     * starting together overwrite the library another is loading and crash (SIGSEGV, measured
     * under LoadTest); the processes load this copy instead (see {@link #NATIVE_CLIENT_PROPERTY}).
     */
    Path extractNativeClient(Path folder) throws IOException {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        String entry = "jni/libaws-lambda-jni.linux-" + arch + ".so";
        try (Stream<Path> jars = Files.list(lambdaRuntime)) {
            Path jar = jars.filter(file -> file.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                    .findFirst().orElseThrow(() -> new IOException("no runtime interface client jar in " + lambdaRuntime));
            try (JarFile client = new JarFile(jar.toFile())) {
                JarEntry library = client.getJarEntry(entry);
                if (library == null) {
                    throw new IOException(jar + " has no " + entry);
                }
                Path target = folder.resolve("libaws-lambda-jni.so");
                try (InputStream in = client.getInputStream(library)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return target;
            }
        }
    }

    /** The runtime client loads its native library from this system property's path when it is set. */
    static final String NATIVE_CLIENT_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private static boolean hasJars(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".jar"));
        } catch (IOException e) {
            return false;
        }
    }
}
