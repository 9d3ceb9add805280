package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Users run cfn-lint before every deploy: the template must pass it with no error and no warning. */
class TemplateLintIT {

    @Test
    void cfnLint_projectTemplate_reportsNothing() throws Exception {
        assertLintsClean();
    }

    @Test
    void cfnLint_withKmsKeyAndRequiredSizes_reportsNothing() throws Exception {
        assertLintsClean("--parameters", "KmsKeyArn=arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "RequireUploadSize=true");
    }

    @Test
    void cfnLint_withEachEndpointOption_reportsNothing() throws Exception {
        assertLintsClean("--parameters", "UseAccelerateEndpoint=true");
        assertLintsClean("--parameters", "UseDualStackEndpoint=true");
        assertLintsClean("--parameters", "UseAccelerateEndpoint=true", "UseDualStackEndpoint=true");
        assertLintsClean("--parameters", "ExistingBucketName=existing-data", "BucketRegion=eu-west-1");
    }

    private static void assertLintsClean(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("cfn-lint", TestTemplates.PROJECT_TEMPLATE.toString()));
        command.addAll(List.of(options));
        Process lint = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
        // Read to the end first, so a long report cannot fill the pipe and stall the process.
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = lint.waitFor(120, TimeUnit.SECONDS);

        assertThat(finished).as("cfn-lint finished within 120 s").isTrue();
        assertThat(output).as("cfn-lint output").isEmpty();
        assertThat(lint.exitValue()).isZero();
    }
}
