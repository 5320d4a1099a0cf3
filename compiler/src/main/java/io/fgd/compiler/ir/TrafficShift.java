package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.Optional;

/**
 * What ECS needs to move traffic between two target groups during a canary, linear or blue/green
 * deployment (ECS {@code loadBalancers[].advancedConfiguration}). Today the spec names each object
 * by ARN on the port's {@code target_group} statement; a route fgd owns can fill the same record.
 *
 * @param alternateTargetGroup the second target group: the new revision's tasks register there
 *     while the old ones keep serving from the port's target group, and the two swap roles
 * @param productionRule the listener rule (ALB) or listener (NLB) whose production traffic ECS
 *     moves from one target group to the other
 * @param testRule a listener rule (or listener) that sends test traffic to the new revision before
 *     production traffic moves, if any
 * @param role the IAM role ECS assumes to change the listener rules (the infrastructure role)
 */
public record TrafficShift(
    Optional<Located<String>> alternateTargetGroup,
    Optional<Located<String>> productionRule,
    Optional<Located<String>> testRule,
    Optional<Located<String>> role,
    Span span) {
  public TrafficShift {
    requireNonNull(alternateTargetGroup, "alternateTargetGroup is null");
    requireNonNull(productionRule, "productionRule is null");
    requireNonNull(testRule, "testRule is null");
    requireNonNull(role, "role is null");
    requireNonNull(span, "span is null");
  }
}
