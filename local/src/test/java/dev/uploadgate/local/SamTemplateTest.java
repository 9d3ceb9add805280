package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

    @Test
    void bundled_copyOfProjectTemplate_isOnTheClassPath() throws IOException {
        SamTemplate bundled = SamTemplate.bundled(getClass().getClassLoader());

        assertThat(bundled.resourcesOfType(TemplateRoutes.FUNCTION_TYPE).keySet())
                .isEqualTo(TestTemplates.project().resourcesOfType(TemplateRoutes.FUNCTION_TYPE).keySet());
        assertThat(bundled.source()).contains("bundled");
    }

    @Test
    void load_missingFile_namesIt() {
        assertThatThrownBy(() -> SamTemplate.load(Path.of("no-such-template.yaml")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("no-such-template.yaml");
    }

    @Test
    void load_projectTemplate_exposesItsSections() {
        SamTemplate template = TestTemplates.project();

        assertThat(template.parameters()).containsKeys("KeyPrefix", "AllowedOrigins");
        assertThat(template.conditions()).containsKey("CreateBucket");
        assertThat(template.globals("Function")).containsKeys("Timeout", "Environment");
        assertThat(template.resourcesOfType(TemplateRoutes.HTTP_API_TYPE)).containsOnlyKeys("UploadApi", "BrowserApi");
        assertThat(template.globals("Nope")).isEmpty();
    }

    @Test
    void globals_sectionThatIsNotMapping_isTemplateError(@TempDir Path temp) throws IOException {
        Path file = Files.writeString(temp.resolve("t.yaml"), "Globals: [a, b]\n");

        assertThatThrownBy(() -> SamTemplate.load(file).globals("Function"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("must be a mapping");
    }
}
