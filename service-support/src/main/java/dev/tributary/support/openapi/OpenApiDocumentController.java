package dev.tributary.support.openapi;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serves the service's hand-written OpenAPI document, {@code classpath:openapi/<spring.application.name>.yaml},
 * at {@code /openapi.yaml}. Named per service because the standalone launcher puts every service on one
 * classpath, where a shared {@code static/openapi.yaml} would shadow the others.
 */
@RestController
public class OpenApiDocumentController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final byte[] document;

    public OpenApiDocumentController(String applicationName) {
        ClassPathResource resource = new ClassPathResource("openapi/" + applicationName + ".yaml");
        try {
            this.document = resource.exists() ? resource.getContentAsByteArray() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/openapi.yaml")
    ResponseEntity<byte[]> openApi() {
        return document == null ? ResponseEntity.notFound().build() : ResponseEntity.ok().contentType(YAML).body(document);
    }
}
