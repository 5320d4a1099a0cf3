package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * The awsvpc configuration of every task: each task gets its own network interface.
 *
 * @param subnets the VPC subnets tasks are placed in, spread across them
 * @param securityGroups the security groups on each task's network interface
 * @param publicIp whether tasks get a public IP; off unless said (tasks in private subnets reach
 *     ECR and Secrets Manager through a NAT gateway or VPC endpoints)
 */
public record Network(
    List<Located<String>> subnets,
    List<Located<String>> securityGroups,
    Optional<Located<Boolean>> publicIp,
    Span span) {
  public Network {
    subnets = List.copyOf(subnets);
    securityGroups = List.copyOf(securityGroups);
    requireNonNull(publicIp, "publicIp is null");
    requireNonNull(span, "span is null");
  }
}
