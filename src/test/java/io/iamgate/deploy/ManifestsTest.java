package io.iamgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.bundle.LoadResult;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parses every manifest of the kustomize base (k8s/) and checks the invariants the deployment promises,
 * so the manifests cannot rot: two containers (gateway and sidecar), probes on the sidecar's health
 * endpoints, a memory limit, the hardened security context, a Service exposing only the gateway, a
 * NetworkPolicy, a PodDisruptionBudget, an HPA, topology spread, pinned images, the signing key from a
 * Secret, and a bundle ConfigMap that maps every bundle file and loads cleanly.
 */
class ManifestsTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path K8S = Path.of("k8s");

    static Map<String, JsonNode> byKind() throws Exception {
        JsonNode k = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode r : k.get("resources")) {
            JsonNode doc = YAML.readTree(K8S.resolve(r.asText()).toFile());
            out.put(doc.get("kind").asText(), doc);
        }
        return out;
    }

    static JsonNode container(JsonNode deployment, String name) {
        for (JsonNode c : deployment.at("/spec/template/spec/containers")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no container " + name);
    }

    @Test
    void everyResourceOfTheBaseExistsAndParses() throws Exception {
        Map<String, JsonNode> m = byKind();
        assertEquals(Set.of("Deployment", "Service", "NetworkPolicy", "PodDisruptionBudget", "HorizontalPodAutoscaler"), m.keySet());
        for (JsonNode doc : m.values()) {
            assertNotNull(doc.at("/metadata/name").textValue(), doc.toString());
            assertNotNull(doc.get("apiVersion"));
        }
    }

    @Test
    void podIsHardened() throws Exception {
        JsonNode d = byKind().get("Deployment");
        JsonNode pod = d.at("/spec/template/spec");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText());
        assertFalse(pod.get("automountServiceAccountToken").asBoolean());
        assertEquals(2, pod.get("containers").size());
        for (JsonNode c : pod.get("containers")) {
            String n = c.get("name").asText();
            JsonNode sc = c.get("securityContext");
            assertFalse(sc.get("allowPrivilegeEscalation").asBoolean(), n);
            assertTrue(sc.get("readOnlyRootFilesystem").asBoolean(), n);
            assertTrue(sc.get("runAsNonRoot").asBoolean(), n);
            assertEquals("ALL", sc.at("/capabilities/drop/0").asText(), n);
            assertEquals("RuntimeDefault", sc.at("/seccompProfile/type").asText(), n);
            String image = c.get("image").asText();
            assertTrue(image.contains(":") && !image.endsWith(":latest"), "image pinned by tag: " + image);
            assertTrue(c.at("/resources/limits/memory").isTextual(), n + " has a memory limit");
            assertTrue(c.at("/resources/requests/cpu").isTextual() && c.at("/resources/requests/memory").isTextual(), n + " has requests");
        }
        assertTrue(pod.get("topologySpreadConstraints").size() >= 1);
    }

    @Test
    void sidecarProbesConfigAndSecret() throws Exception {
        JsonNode s = container(byKind().get("Deployment"), "iamgate");
        assertEquals("/q/health/ready", s.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/live", s.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", s.at("/startupProbe/httpGet/path").asText());
        Map<String, JsonNode> env = new HashMap<>();
        s.get("env").forEach(e -> env.put(e.get("name").asText(), e));
        assertEquals("/etc/iamgate/bundle", env.get("IAMGATE_BUNDLE_PATH").get("value").asText());
        assertEquals("iamgate-presign", env.get("IAMGATE_PRESIGN_SIGNING_KEY").at("/valueFrom/secretKeyRef/name").asText(),
                "the signing key comes from a Secret");
        String limit = s.at("/resources/limits/memory").asText();
        assertEquals("512Mi", limit, "sized from BENCHMARKS.md (390 MB RSS at 10k/100k with -Xmx256m)");
        assertTrue(env.get("JAVA_TOOL_OPTIONS").get("value").asText().contains("-Xmx256m"));
    }

    @Test
    void onlyTheGatewayIsExposed() throws Exception {
        Map<String, JsonNode> m = byKind();
        JsonNode svc = m.get("Service");
        assertEquals(1, svc.at("/spec/ports").size());
        assertEquals("http", svc.at("/spec/ports/0/targetPort").asText());
        JsonNode gatewayPort = container(m.get("Deployment"), "gateway").at("/ports/0");
        assertEquals("http", gatewayPort.get("name").asText());
        JsonNode np = m.get("NetworkPolicy");
        assertEquals(1, np.at("/spec/ingress").size());
        assertEquals(gatewayPort.get("containerPort").asInt(), np.at("/spec/ingress/0/ports/0/port").asInt());
        assertEquals(1, m.get("PodDisruptionBudget").at("/spec/minAvailable").asInt());
        assertTrue(m.get("HorizontalPodAutoscaler").at("/spec/minReplicas").asInt() >= 2);
    }

    @Test
    void bundleConfigMapMapsEveryFileAndLoadsCleanly() throws Exception {
        JsonNode k = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        Map<String, String> keyToFile = new HashMap<>();
        for (JsonNode g : k.get("configMapGenerator")) {
            if (g.get("name").asText().equals("iamgate-bundle")) {
                for (JsonNode f : g.get("files")) {
                    String[] kv = f.asText().split("=", 2);
                    keyToFile.put(kv[0], kv[1]);
                }
            }
        }
        Set<String> files = new HashSet<>();
        try (var s = Files.walk(K8S.resolve("bundle"))) {
            s.filter(Files::isRegularFile).forEach(p -> files.add(K8S.relativize(p).toString()));
        }
        assertEquals(files, new HashSet<>(keyToFile.values()), "every bundle file is in the ConfigMap");
        List<String> mounted = new ArrayList<>();
        for (JsonNode v : byKind().get("Deployment").at("/spec/template/spec/volumes")) {
            if (v.get("name").asText().equals("bundle")) {
                for (JsonNode item : v.at("/configMap/items")) {
                    assertEquals(keyToFile.get(item.get("key").asText()), "bundle/" + item.get("path").asText(), "key mounted at its path");
                    mounted.add(item.get("key").asText());
                }
            }
        }
        assertEquals(keyToFile.keySet(), new HashSet<>(mounted), "every ConfigMap key is mounted");
        LoadResult r = new BundleLoader(new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of(K8S.resolve("bundle").toString()));
        assertTrue(r.accepted(), () -> r.findings().toString());
        assertTrue(Files.exists(K8S.resolve("gateway.conf")));
    }

    @Test
    void httpOverlayPointsAtABundleServerAndRequiresSignatures() throws Exception {
        Path o = K8S.resolve("overlays/http-bundle");
        JsonNode k = YAML.readTree(o.resolve("kustomization.yaml").toFile());
        assertEquals("../..", k.at("/resources/0").asText());
        JsonNode patch = YAML.readTree(o.resolve(k.at("/patches/0/path").asText()).toFile());
        String text = patch.toString();
        assertTrue(text.contains("IAMGATE_BUNDLE_PATH") && text.contains("https://"), text);
        assertTrue(text.contains("IAMGATE_BUNDLE_VERIFICATION_KEY"), text);
        // the patched env indexes must point at what the base has there
        JsonNode env = container(byKind().get("Deployment"), "iamgate").get("env");
        assertEquals("IAMGATE_BUNDLE_PATH", env.get(1).get("name").asText());
        assertEquals("IAMGATE_BUNDLE_POLL_INTERVAL", env.get(2).get("name").asText());
    }

    @Test
    void dockerfilesSayHowToBuildAndRunAsNonRoot() throws Exception {
        for (String f : new String[] {"docker/Dockerfile.jvm", "docker/Dockerfile.native"}) {
            String text = Files.readString(Path.of(f));
            assertTrue(text.contains("docker build") && text.contains("docker run"), f + " header says how to build and run");
            assertTrue(text.contains("USER 10001"), f + " runs as non-root");
        }
        assertTrue(Files.exists(Path.of(".dockerignore")));
    }
}
