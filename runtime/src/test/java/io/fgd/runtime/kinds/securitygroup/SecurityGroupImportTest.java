package io.fgd.runtime.kinds.securitygroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code allow} says of fgd's load balancer group, and what it cannot say. */
class SecurityGroupImportTest {
  /** A group with one IpPermission per (port, CIDR or group), as DescribeSecurityGroups gives. */
  private static ObjectNode group(String... rules) {
    ObjectNode g = JsonNodeFactory.instance.objectNode();
    ArrayNode perms = g.putArray("IpPermissions");
    for (String r : rules) {
      String[] p = r.split(" ");
      ObjectNode perm = perms.addObject().put("IpProtocol", p[0]);
      perm.put("FromPort", Integer.parseInt(p[1])).put("ToPort", Integer.parseInt(p[1]));
      if (p[2].startsWith("sg-")) {
        perm.putArray("UserIdGroupPairs").addObject().put("GroupId", p[2]);
      } else {
        perm.putArray("IpRanges").addObject().put("CidrIp", p[2]);
      }
    }
    return g;
  }

  @Test
  void theCidrsOnBothPortsAreAllow() {
    var allow =
        SecurityGroupImport.allow(
            group(
                "tcp 443 10.0.0.0/8",
                "tcp 80 10.0.0.0/8",
                "tcp 443 192.168.0.0/16",
                "tcp 80 192.168.0.0/16"));
    assertEquals(List.of("10.0.0.0/8", "192.168.0.0/16"), allow.cidrs());
    assertEquals(List.of(), allow.unsaid());
  }

  @Test
  void whatAllowCannotSayIsNamed() {
    var allow =
        SecurityGroupImport.allow(
            group(
                "tcp 443 0.0.0.0/0",
                "tcp 80 0.0.0.0/0",
                "tcp 443 10.0.0.0/8",
                "tcp 22 10.0.0.0/8",
                "tcp 443 sg-0123456789abcdef0"));
    assertEquals(List.of("0.0.0.0/0", "10.0.0.0/8"), allow.cidrs());
    assertEquals(
        List.of(
            "\"tcp 22 from 10.0.0.0/8\"",
            "\"tcp 443 from sg-0123456789abcdef0\"",
            "\"tcp 443 from 10.0.0.0/8\" alone"),
        allow.unsaid());
  }
}
