package io.fgd.runtime.kinds.loadbalancer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.ir.LoadBalancer;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.SpecText;
import io.fgd.runtime.importer.SpecText.Block;
import io.fgd.runtime.kinds.securitygroup.SecurityGroupImport;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code fgd import} of the app's {@code load_balancer}: when the listener the imported routes are
 * on is the HTTPS listener of the load balancer fgd made for the app (fgd's name for it, tagged
 * {@code fgd:app} = the app), the block says that load balancer's settings (scheme, subnets when
 * they are not the network's, certificate, TLS policy when not fgd's default, the CIDRs its
 * security group admits), so the first plan of the written spec changes nothing; any other listener
 * stays {@code listener "ARN"}. What fgd's load balancer cannot be (another listener, another
 * default action, other security groups, dual-stack addresses, other ingress rules) is a warning.
 *
 * <p>Its reads are the plan's own (DescribeLoadBalancers by name with its listeners, tags and HTTPS
 * rules; DescribeSecurityGroups by fgd's two names), asked with the same arguments, so the first
 * plan of the written spec finds them answered: an import of fgd's load balancer costs no request
 * the plan would not make.
 */
public final class LoadBalancerImport {
  private LoadBalancerImport() {}

  /**
   * The app's {@code load_balancer} block, and the id of fgd's tasks' group when the block is fgd's
   * load balancer (left out of the network's {@code security_groups}: fgd adds it).
   */
  public record Written(Block block, Optional<String> tasksGroup) {}

  /**
   * @param listener the listener the imported routes are on
   * @param networkSubnets the subnets the network block says
   */
  public static Written write(
      ImportRun run, LiveState live, String listener, List<String> networkSubnets)
      throws FgdRuntimeException {
    String app = run.app();
    String name = LoadBalancerForm.name(app);
    Written named =
        new Written(
            new Block("load_balancer", Integer.MAX_VALUE).add("listener", SpecText.quote(listener)),
            Optional.empty());
    // A listener's ARN names its load balancer: arn:...:listener/app/NAME/ID/ID.
    if (!listener.contains(":listener/app/" + name + "/")) {
      return named;
    }
    Optional<LoadBalancerReads.Observed> read =
        LoadBalancerReads.api(live).loadBalancer(name, true);
    if (read.isEmpty() || !app.equals(read.get().tags().get(AwsStateReader.OWNER_TAG))) {
      return named;
    }
    LoadBalancerReads.Observed o = read.get();
    Optional<ObjectNode> https = o.listener(LoadBalancerKind.HTTPS);
    String certificate =
        https.map(h -> h.path("Certificates").path(0).path("CertificateArn").asText("")).orElse("");
    if (https.isEmpty()
        || !listener.equals(https.get().path("ListenerArn").asText())
        || certificate.isEmpty()) {
      return named;
    }
    ObjectNode lb = o.loadBalancer();
    Block block = new Block("load_balancer", 11);
    block.add(lb.path("Scheme").asText().equals("internal") ? "internal" : "internet_facing", "");
    List<String> subnets = new ArrayList<>();
    lb.path("AvailabilityZones").forEach(z -> subnets.add(z.path("SubnetId").asText()));
    if (!ImportRun.sorted(subnets).equals(ImportRun.sorted(networkSubnets))) {
      block.add("subnets", String.join(", ", subnets));
    }
    block.add("certificate", SpecText.quote(certificate));
    String policy = https.get().path("SslPolicy").asText("");
    if (!policy.equals(LoadBalancer.DEFAULT_TLS_POLICY)) {
      block.add("tls_policy", SpecText.quote(policy));
    }
    SecurityGroupImport.Groups groups =
        SecurityGroupImport.read(live, app, lb.path("VpcId").asText());
    String subject = "load balancer " + name;
    if (groups.loadBalancer().isPresent()) {
      SecurityGroupImport.Allow allow = SecurityGroupImport.allow(groups.loadBalancer().get());
      if (!allow.cidrs().equals(List.of("0.0.0.0/0")) && !allow.cidrs().isEmpty()) {
        block.add("allow", String.join(", ", allow.cidrs().stream().map(SpecText::quote).toList()));
      }
      if (!allow.unsaid().isEmpty()) {
        run.warn(
            block,
            subject,
            "the ingress rules "
                + String.join(", ", allow.unsaid())
                + " of its security group were not imported: allow admits IPv4 blocks on both"
                + " 443 and 80; the first plan makes the group admit exactly those.");
      }
      List<String> attached = ImportRun.texts(lb.path("SecurityGroups"));
      String lbGroup = groups.loadBalancer().get().path("GroupId").asText();
      if (!attached.equals(List.of(lbGroup))) {
        run.warn(
            block,
            subject,
            "its security groups "
                + attached
                + " were not imported: fgd's load balancer is in its own group only ("
                + lbGroup
                + "); the first plan sets that one.");
      }
    } else {
      run.warn(
          block,
          subject,
          "its security group was not imported: fgd-"
              + app
              + "-lb, tagged fgd:app = "
              + app
              + ", was not found in its VPC; the first plan creates it.");
    }
    warnings(run, block, subject, o);
    return new Written(block, groups.tasksId());
  }

  /** What fgd's load balancer cannot be: warned about, as the first plan changes or keeps it. */
  private static void warnings(
      ImportRun run, Block block, String subject, LoadBalancerReads.Observed o) {
    String addresses = o.loadBalancer().path("IpAddressType").asText("ipv4");
    if (!addresses.equals("ipv4")) {
      run.warn(
          block,
          subject,
          "its address type "
              + addresses
              + " was not imported: fgd's load balancer is IPv4, and the first plan would replace"
              + " it (apply refuses to).");
    }
    for (ObjectNode l : o.listeners()) {
      int port = l.path("Port").asInt();
      if (port != LoadBalancerKind.HTTPS && port != LoadBalancerKind.HTTP) {
        run.warn(
            block,
            subject,
            "its listener on port "
                + port
                + " was not imported: fgd's load balancer has listeners on 443 and 80 only; it"
                + " stays as it is, and fgd neither changes nor deletes it.");
      }
    }
    JsonNode https =
        o.listener(LoadBalancerKind.HTTPS).orElseThrow().path("DefaultActions").path(0);
    if (!https.path("Type").asText().equals("fixed-response")
        || !https.path("FixedResponseConfig").path("StatusCode").asText().equals("404")) {
      run.warn(
          block,
          subject,
          "the default action of its HTTPS listener ("
              + https.path("Type").asText()
              + ") was not imported: fgd's answers 404 for what no route takes; the first plan"
              + " changes it.");
    }
    o.listener(LoadBalancerKind.HTTP)
        .map(l -> l.path("DefaultActions").path(0))
        .filter(
            a ->
                !a.path("Type").asText().equals("redirect")
                    || !a.path("RedirectConfig").path("Protocol").asText().equals("HTTPS"))
        .ifPresent(
            a ->
                run.warn(
                    block,
                    subject,
                    "the default action of its HTTP listener ("
                        + a.path("Type").asText()
                        + ") was not imported: fgd's redirects to HTTPS; the first plan changes"
                        + " it."));
  }
}
