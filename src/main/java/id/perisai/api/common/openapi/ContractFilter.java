package id.perisai.api.common.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.security.Scopes;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The last filter over the built document: what makes it a contract that client generators and linters read as it is,
 * for every operation alike (those of capabilities yet to come too).
 * <ul>
 * <li>No {@code $ref} with sibling keywords. The scanner writes {@code $ref} beside {@code type}, {@code description}
 * or {@code examples} for enums and nested types; OpenAPI 3.1 allows it, but generators then take the siblings as the
 * schema and drop the referenced type. Such a schema becomes {@code allOf: [{$ref}]} with the annotations beside it
 * (the {@code type}, which the referenced schema has, is dropped).</li>
 * <li>Plain string components (the scanner's {@code Instant}, {@code LocalDate}, {@code UUID}, {@code YearMonth}, ...:
 * a type and a format or pattern, no enumeration) are written inline where they are used: generators would otherwise
 * make classes of them named like the platform's own types.</li>
 * <li>Pages ({@code {items, nextCursor}}) always have {@code items}; every {@code scopes} list names
 * {@code Scope}s (the partner scopes of {@link Scopes}).</li>
 * <li>Every 201 declares {@code Location}, every 429 and 503 {@code Retry-After}, every 401 {@code WWW-Authenticate},
 * and every 2xx and 4xx (but 401) of a partner operation the {@code RateLimit} headers.</li>
 * <li>Integers without a format are {@code int64}; a page has at most 500 items (the largest {@code limit}).</li>
 * <li>An NDJSON request body's examples are the records of its JSON examples, one per line (the scanner would read
 * an NDJSON text as one JSON value and keep only its first line).</li>
 * </ul>
 * Runs when the app is built, after the other filters (lowest priority).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = -1000)
public class ContractFilter implements OASFilter {

    public static final String SCOPE = "Scope";
    /** The largest page ({@code PageRequest}). */
    static final int MAX_PAGE = 500;
    static final String JSON = "application/json";
    static final String NDJSON = "application/x-ndjson";
    private static final ObjectMapper WRITER = new ObjectMapper();

    /** The plain string components, by reference, while a document is filtered. */
    private final Map<String, Schema> inline = new LinkedHashMap<>();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components != null && components.getSchemas() != null) {
            components.getSchemas().forEach((name, schema) -> {
                if (plainString(schema)) {
                    inline.put("#/components/schemas/" + name, schema);
                }
            });
            inline.keySet().forEach(ref -> components.removeSchema(ref.substring(ref.lastIndexOf('/') + 1)));
            components.addSchema(SCOPE, OASFactory.createSchema().addType(SchemaType.STRING)
                    .description("A partner scope (see the oauth2 security scheme)")
                    .enumeration(new ArrayList<>(new TreeSet<>(Scopes.PARTNER))));
            for (Map.Entry<String, Schema> named : components.getSchemas().entrySet()) {
                completeNamed(named.getValue());
            }
        }
        OpenApiOperations.forEach(openAPI, (path, operation) -> {
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(p -> p.setSchema(siblingsBesideRef(p.getSchema())));
            }
            if (operation.getRequestBody() != null) {
                ndjsonExamples(operation.getRequestBody().getContent());
                content(operation.getRequestBody().getContent());
            }
            if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                boolean partner = path.startsWith("/v1/") && !path.startsWith("/v1/admin/")
                        && operation.getSecurity() != null && !operation.getSecurity().isEmpty();
                if (partner) {
                    ProblemResponsesFilter.rateLimitHeaders(operation.getResponses());
                }
                operation.getResponses().getAPIResponses().forEach(this::response);
            }
        });
        if (components != null && components.getSchemas() != null) {
            Map<String, Schema> fixed = new LinkedHashMap<>();
            components.getSchemas().forEach((name, schema) -> fixed.put(name, siblingsBesideRef(schema)));
            components.setSchemas(fixed);
        }
    }

    /** Required items of pages, and scope lists as Scopes. */
    private static void completeNamed(Schema schema) {
        Map<String, Schema> properties = schema.getBooleanSchema() == null ? schema.getProperties() : null;
        if (properties == null) {
            return;
        }
        if (properties.keySet().equals(Set.of("items", "nextCursor"))) {
            if (schema.getRequired() == null || !schema.getRequired().contains("items")) {
                schema.addRequired("items");
            }
            properties.get("items").setMaxItems(MAX_PAGE);
        }
        Schema scopes = properties.get("scopes");
        if (scopes != null && scopes.getType() != null && scopes.getType().contains(SchemaType.ARRAY)) {
            scopes.setItems(OASFactory.createSchema().ref(SCOPE));
        }
    }

    /** NDJSON examples derived from the {@code {"records":[...]}} examples of the JSON body. */
    static void ndjsonExamples(Content content) {
        if (content == null || content.getMediaType(NDJSON) == null || content.getMediaType(JSON) == null
                || content.getMediaType(JSON).getExamples() == null) {
            return;
        }
        MediaType ndjson = content.getMediaType(NDJSON);
        ndjson.setExamples(null);
        content.getMediaType(JSON).getExamples().forEach((name, example) -> {
            if (example.getValue() instanceof Map<?, ?> body && body.get("records") instanceof List<?> records) {
                StringBuilder lines = new StringBuilder();
                for (Object record : records) {
                    try {
                        lines.append(WRITER.writeValueAsString(record)).append('\n');
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("example " + name + " cannot be written as NDJSON", e);
                    }
                }
                ndjson.addExample(name.equals("json") ? "ndjson" : name, OASFactory.createExample()
                        .summary(example.getSummary()).value(lines.toString()));
            }
        });
    }

    private void response(String code, APIResponse response) {
        if ((code.equals("429") || code.equals("503")) && !hasHeader(response, "Retry-After")) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                    .schema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                            .minimum(java.math.BigDecimal.ZERO).maximum(java.math.BigDecimal.valueOf(86400)))
                    .example(code.equals("503") ? 30 : 5));
        }
        if (code.equals("201") && !hasHeader(response, "Location")) {
            response.addHeader("Location", OASFactory.createHeader().description("The created resource")
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING).format("uri-reference").maxLength(2000)));
        }
        if (code.equals("401") && !hasHeader(response, "WWW-Authenticate")) {
            response.addHeader("WWW-Authenticate", OASFactory.createHeader()
                    .description("The authentication scheme to use (RFC 9110 §11.6.1)")
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING).maxLength(200)).example("Bearer"));
        }
        if (response.getHeaders() != null) {
            for (Header header : response.getHeaders().values()) {
                header.setSchema(siblingsBesideRef(header.getSchema()));
            }
        }
        content(response.getContent());
    }

    private static boolean hasHeader(APIResponse response, String name) {
        return response.getHeaders() != null && response.getHeaders().keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    private void content(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (MediaType media : content.getMediaTypes().values()) {
            media.setSchema(siblingsBesideRef(media.getSchema()));
        }
    }

    /** The schema without {@code $ref} siblings, here and in every schema nested in it. */
    private static boolean plainString(Schema schema) {
        return schema.getBooleanSchema() == null && schema.getType() != null
                && schema.getType().equals(List.of(SchemaType.STRING)) && schema.getEnumeration() == null
                && schema.getRef() == null && schema.getProperties() == null;
    }

    Schema siblingsBesideRef(Schema schema) {
        if (schema == null || schema.getBooleanSchema() != null) {
            return schema; // absent, or `true`/`false`
        }
        if (schema.getType() != null && schema.getType().contains(SchemaType.INTEGER) && schema.getFormat() == null) {
            schema.setFormat("int64");
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            Map<String, Schema> fixed = new LinkedHashMap<>();
            properties.forEach((name, property) -> fixed.put(name, siblingsBesideRef(property)));
            schema.setProperties(fixed);
        }
        if (schema.getItems() != null) {
            schema.setItems(siblingsBesideRef(schema.getItems()));
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            schema.setAdditionalPropertiesSchema(siblingsBesideRef(schema.getAdditionalPropertiesSchema()));
        }
        schema.setAllOf(fixAll(schema.getAllOf()));
        schema.setAnyOf(fixAll(schema.getAnyOf()));
        schema.setOneOf(fixAll(schema.getOneOf()));
        if (schema.getRef() == null) {
            return schema;
        }
        Map<String, Object> siblings = new LinkedHashMap<>(schema.getAll());
        siblings.remove("$ref");
        Schema plain = inline.get(schema.getRef());
        if (plain != null) {
            Schema copy = OASFactory.createSchema();
            Map<String, Object> merged = new LinkedHashMap<>(plain.getAll());
            merged.putAll(siblings);
            merged.put("type", plain.getType());
            copy.setAll(merged);
            return copy;
        }
        siblings.remove("type");
        if (siblings.isEmpty()) {
            return OASFactory.createSchema().ref(schema.getRef());
        }
        Schema wrapped = OASFactory.createSchema();
        wrapped.setAll(siblings);
        wrapped.setAllOf(List.of(OASFactory.createSchema().ref(schema.getRef())));
        return wrapped;
    }

    private List<Schema> fixAll(List<Schema> schemas) {
        if (schemas == null) {
            return null;
        }
        List<Schema> fixed = new ArrayList<>();
        schemas.forEach(s -> fixed.add(siblingsBesideRef(s)));
        return fixed;
    }
}
