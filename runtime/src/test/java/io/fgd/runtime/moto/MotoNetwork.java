package io.fgd.runtime.moto;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A VPC with two subnets and a security group in moto's EC2. Moto's CreateService rejects subnets
 * its EC2 does not know (real ECS does too), and moto makes up the ids, so tests put these ids into
 * the desired service before seeding and planning.
 */
public record MotoNetwork(List<String> subnets, List<String> securityGroups) {
  public static MotoNetwork create(
      URI endpoint, String region, AwsCredentialsProvider credentials) {
    try (Ec2Client ec2 =
        Ec2Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .build()) {
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
      String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
      String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24")).subnet().subnetId();
      String sg =
          ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("sheets").description("sheets"))
              .groupId();
      return new MotoNetwork(List.of(a, b), List.of(sg));
    }
  }
}
