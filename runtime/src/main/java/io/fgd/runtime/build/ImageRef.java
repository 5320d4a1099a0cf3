package io.fgd.runtime.build;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference fgd builds: {@code HOST[:PORT]/REPOSITORY:TAG}.
 *
 * @param host the registry, with its port when it has one
 * @param repository the path inside the registry, such as {@code sheets/api}
 * @param tag the tag
 */
public record ImageRef(String host, String repository, String tag) {
  /** A private ECR registry host: ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]. */
  private static final Pattern ECR_HOST =
      Pattern.compile("(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

  public static ImageRef parse(String reference) {
    int slash = reference.indexOf('/');
    int colon = reference.lastIndexOf(':');
    if (slash <= 0 || colon < slash) {
      throw new IllegalArgumentException("not HOST/REPOSITORY:TAG: " + reference);
    }
    return new ImageRef(
        reference.substring(0, slash),
        reference.substring(slash + 1, colon),
        reference.substring(colon + 1));
  }

  /** The repository in its registry, without the tag: {@code HOST/REPOSITORY}. */
  public String name() {
    return host + "/" + repository;
  }

  @Override
  public String toString() {
    return name() + ":" + tag;
  }

  public ImageRef withTag(String other) {
    return new ImageRef(host, repository, other);
  }

  /** The same repository and tag in another registry (a test's stand-in for ECR). */
  public ImageRef at(String otherHost) {
    return new ImageRef(otherHost, repository, tag);
  }

  /** Whether the registry is a private ECR registry. */
  public boolean isEcr() {
    return ECR_HOST.matcher(host).matches();
  }

  /** The account of an ECR registry. */
  public String ecrAccount() {
    Matcher m = ECR_HOST.matcher(host);
    if (!m.matches()) {
      throw new IllegalStateException(host + " is not an ECR registry");
    }
    return m.group(1);
  }

  /**
   * Whether the registry is on this machine's loopback (127.0.0.0/8, ::1, localhost): spoken to
   * over plain HTTP, as Docker does for such registries.
   */
  public boolean onLoopback() {
    return onLoopback(host);
  }

  static boolean onLoopback(String host) {
    String name = host;
    if (name.startsWith("[")) {
      name = name.substring(1, name.indexOf(']') > 0 ? name.indexOf(']') : name.length());
    } else if (name.indexOf(':') >= 0) {
      name = name.substring(0, name.indexOf(':'));
    }
    return name.equals("localhost") || name.equals("::1") || name.matches("127(\\.\\d{1,3}){3}");
  }
}
