package io.fgd.runtime.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a registry whether a tag exists, and its digest, with the registry HTTP API (a HEAD of the
 * manifest, the OCI distribution spec's "pull" endpoint): what lets a re-run of the same commit
 * skip its build and push. Speaks the registry's token protocol; with no credentials it asks
 * anonymously, and a registry that wants a login it does not have is "cannot tell", never an error:
 * the build then goes ahead.
 */
public final class RegistryProbe {
  private static final String ACCEPT =
      String.join(
          ", ",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.docker.distribution.manifest.v2+json");

  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the registry said about a tag. */
  public sealed interface Answer {}

  public record Exists(String digest) implements Answer {}

  public record Absent() implements Answer {}

  /** The registry could not be asked, or wants a login fgd does not hold: why, for the output. */
  public record Unknown(String reason) implements Answer {}

  /** A user name and password for the registry's Basic login (ECR: AWS and the token). */
  public record Login(String user, String password) {
    @Override
    public String toString() {
      return "Login[" + user + ", password hidden]";
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  /** Whether {@code image} exists in its registry (or at {@code address}, its stand-in). */
  public Answer probe(ImageRef image, Optional<Login> login) throws InterruptedException {
    String scheme = image.onLoopback() ? "http" : "https";
    URI uri =
        URI.create(
            scheme
                + "://"
                + image.host()
                + "/v2/"
                + image.repository()
                + "/manifests/"
                + image.tag());
    try {
      HttpResponse<Void> first = head(uri, Optional.empty());
      HttpResponse<Void> answer = first;
      if (first.statusCode() == 401) {
        String challenge = first.headers().firstValue("WWW-Authenticate").orElse("");
        Optional<String> authorization = authorization(challenge, login);
        if (authorization.isEmpty()) {
          return new Unknown("the registry asks for a login fgd does not have");
        }
        answer = head(uri, authorization);
      }
      int status = answer.statusCode();
      if (status == 200) {
        return answer
            .headers()
            .firstValue("Docker-Content-Digest")
            .<Answer>map(Exists::new)
            .orElse(new Exists("(digest not given)"));
      }
      if (status == 404) {
        return new Absent();
      }
      if (status == 401 || status == 403) {
        return new Unknown("the registry refused the credentials (HTTP " + status + ")");
      }
      return new Unknown("the registry answered HTTP " + status);
    } catch (IOException e) {
      return new Unknown("the registry could not be reached (" + e.getMessage() + ")");
    }
  }

  private HttpResponse<Void> head(URI uri, Optional<String> authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(20))
            .header("Accept", ACCEPT);
    authorization.ifPresent(a -> request.header("Authorization", a));
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding());
  }

  /** The Authorization header that answers a challenge, if fgd can answer it. */
  private Optional<String> authorization(String challenge, Optional<Login> login)
      throws IOException, InterruptedException {
    String lower = challenge.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("basic")) {
      return login.map(RegistryProbe::basic);
    }
    if (!lower.startsWith("bearer")) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      return Optional.empty();
    }
    StringBuilder query = new StringBuilder();
    for (String key : new String[] {"service", "scope"}) {
      if (params.containsKey(key)) {
        query.append(query.length() == 0 ? "?" : "&");
        query
            .append(key)
            .append('=')
            .append(URLEncoder.encode(params.get(key), StandardCharsets.UTF_8));
      }
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(realm + query)).timeout(Duration.ofSeconds(20)).GET();
    login.ifPresent(l -> request.header("Authorization", basic(l)));
    HttpResponse<byte[]> token =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (token.statusCode() != 200) {
      return Optional.empty();
    }
    JsonNode body = JSON.readTree(token.body());
    String value = body.path("token").asText(body.path("access_token").asText(""));
    return value.isEmpty() ? Optional.empty() : Optional.of("Bearer " + value);
  }

  private static String basic(Login login) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (login.user() + ":" + login.password()).getBytes(StandardCharsets.UTF_8));
  }
}
