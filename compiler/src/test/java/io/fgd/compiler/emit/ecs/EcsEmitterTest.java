package io.fgd.compiler.emit.ecs;

import static io.fgd.compiler.emit.ecs.EcsTesting.APP;
import static io.fgd.compiler.emit.ecs.EcsTesting.compile;
import static io.fgd.compiler.emit.ecs.EcsTesting.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.Artifact;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EcsEmitterTest {

  @Test
  void sidecarsFollowTheMainContainerWithTheirOwnSizeLogsAndEssentialFlag() {
    Map<String, String> files =
        compile(
            APP
                + """
        service web {
          image "111122223333.dkr.ecr.us-west-2.amazonaws.com/web:1.4.2"
          port  8080 target_group "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/web/0123456789abcdef"
          cpu   512
          memory 1024
          env   PORT = "8080"
          sidecar metrics {
            image  "public.ecr.aws/datadog/agent:7"
            port   8125/udp
            cpu    64
            memory 128
            essential off
            env    DD_SITE = "datadoghq.com"
            secret DD_API_KEY from ssm "/shop/datadog/api-key"
            health ["agent", "health"]
          }
        }
        """);
    assertEquals(
        """
        {
          "family": "shop-web",
          "executionRoleArn": "arn:aws:iam::111122223333:role/shop-execution",
          "networkMode": "awsvpc",
          "containerDefinitions": [
            {
              "name": "web",
              "image": "111122223333.dkr.ecr.us-west-2.amazonaws.com/web:1.4.2",
              "portMappings": [
                {
                  "containerPort": 8080,
                  "hostPort": 8080,
                  "protocol": "tcp"
                }
              ],
              "essential": true,
              "environment": [
                {
                  "name": "PORT",
                  "value": "8080"
                }
              ],
              "logConfiguration": {
                "logDriver": "awslogs",
                "options": {
                  "awslogs-group": "/ecs/shop/web",
                  "awslogs-region": "us-west-2",
                  "awslogs-stream-prefix": "web"
                }
              }
            },
            {
              "name": "metrics",
              "image": "public.ecr.aws/datadog/agent:7",
              "cpu": 64,
              "memory": 128,
              "portMappings": [
                {
                  "containerPort": 8125,
                  "hostPort": 8125,
                  "protocol": "udp"
                }
              ],
              "essential": false,
              "environment": [
                {
                  "name": "DD_SITE",
                  "value": "datadoghq.com"
                }
              ],
              "secrets": [
                {
                  "name": "DD_API_KEY",
                  "valueFrom": "arn:aws:ssm:us-west-2:111122223333:parameter/shop/datadog/api-key"
                }
              ],
              "logConfiguration": {
                "logDriver": "awslogs",
                "options": {
                  "awslogs-group": "/ecs/shop/web",
                  "awslogs-region": "us-west-2",
                  "awslogs-stream-prefix": "metrics"
                }
              },
              "healthCheck": {
                "command": [
                  "CMD",
                  "agent",
                  "health"
                ],
                "interval": 30,
                "timeout": 5,
                "retries": 3
              }
            }
          ],
          "requiresCompatibilities": [
            "FARGATE"
          ],
          "cpu": "512",
          "memory": "1024",
          "tags": [
            {
              "key": "fgd:app",
              "value": "shop"
            }
          ]
        }
        """,
        files.get("web/taskdef.json"));
  }

  @Test
  void everyPortWithATargetGroupBecomesALoadBalancerOfItsContainer() {
    Map<String, String> files =
        compile(
            APP
                + """
        service web {
          image "nginx:1.27"
          port  80 target_group "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/web-http/73e2d6bc24d8a067"
          port  9000
          replicas 2
          deploy {
            min_healthy     50%
            max_percent     150%
            circuit_breaker on
            rollback        off
            health_grace    45s
          }
          sidecar envoy {
            image "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod"
            port  9901 target_group "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/web-admin/0a1b2c3d4e5f6a7b"
          }
        }
        """);
    assertEquals(
        """
        {
          "cluster": "shop-prod",
          "serviceName": "web",
          "taskDefinition": "shop-web",
          "loadBalancers": [
            {
              "targetGroupArn": "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/web-http/73e2d6bc24d8a067",
              "containerName": "web",
              "containerPort": 80
            },
            {
              "targetGroupArn": "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/web-admin/0a1b2c3d4e5f6a7b",
              "containerName": "envoy",
              "containerPort": 9901
            }
          ],
          "desiredCount": 2,
          "launchType": "FARGATE",
          "platformVersion": "LATEST",
          "deploymentConfiguration": {
            "deploymentCircuitBreaker": {
              "enable": true,
              "rollback": false
            },
            "maximumPercent": 150,
            "minimumHealthyPercent": 50
          },
          "networkConfiguration": {
            "awsvpcConfiguration": {
              "subnets": [
                "subnet-0123456789abcdef0",
                "subnet-0fedcba9876543210"
              ],
              "securityGroups": [
                "sg-0aaaabbbbccccdddd"
              ],
              "assignPublicIp": "DISABLED"
            }
          },
          "healthCheckGracePeriodSeconds": 45,
          "tags": [
            {
              "key": "fgd:app",
              "value": "shop"
            }
          ],
          "enableECSManagedTags": true,
          "propagateTags": "SERVICE"
        }
        """,
        files.get("web/service.json"));
  }

  @Test
  void scalingOnTwoMetricsWritesOnePolicyEachWithTheCooldown() {
    Map<String, String> files =
        compile(
            APP
                + """
        service api {
          image "nginx:1.27"
          scale 3..12 on cpu 55%, memory 72.5% cooldown 2m
        }
        """);
    assertEquals(
        """
        {
          "scalableTarget": {
            "ServiceNamespace": "ecs",
            "ResourceId": "service/shop-prod/api",
            "ScalableDimension": "ecs:service:DesiredCount",
            "MinCapacity": 3,
            "MaxCapacity": 12
          },
          "policies": [
            {
              "PolicyName": "shop-api-cpu",
              "ServiceNamespace": "ecs",
              "ResourceId": "service/shop-prod/api",
              "ScalableDimension": "ecs:service:DesiredCount",
              "PolicyType": "TargetTrackingScaling",
              "TargetTrackingScalingPolicyConfiguration": {
                "TargetValue": 55,
                "PredefinedMetricSpecification": {
                  "PredefinedMetricType": "ECSServiceAverageCPUUtilization"
                },
                "ScaleOutCooldown": 120,
                "ScaleInCooldown": 120
              }
            },
            {
              "PolicyName": "shop-api-memory",
              "ServiceNamespace": "ecs",
              "ResourceId": "service/shop-prod/api",
              "ScalableDimension": "ecs:service:DesiredCount",
              "PolicyType": "TargetTrackingScaling",
              "TargetTrackingScalingPolicyConfiguration": {
                "TargetValue": 72.5,
                "PredefinedMetricSpecification": {
                  "PredefinedMetricType": "ECSServiceAverageMemoryUtilization"
                },
                "ScaleOutCooldown": 120,
                "ScaleInCooldown": 120
              }
            }
          ]
        }
        """,
        files.get("api/scaling.json"));
    // Without replicas, the service starts at the lower bound.
    assertEquals(3, json(files.get("api/service.json")).get("desiredCount").asInt());
  }

  @Test
  void replicasGiveTheStartingCountEvenWithScaling() {
    Map<String, String> files =
        compile(
            APP
                + """
        service api {
          image "nginx:1.27"
          replicas 4
          scale 2..8 on cpu 60%
        }
        """);
    assertEquals(4, json(files.get("api/service.json")).get("desiredCount").asInt());
  }

  @Test
  void secretsResolveSsmNamesAndJsonKeysAndAreSortedByName() {
    Map<String, String> files =
        compile(
            APP
                + """
        service api {
          image  "nginx:1.27"
          secret ZED_TOKEN from "arn:aws:ssm:us-west-2:111122223333:parameter/shop/zed"
          secret DB_PASSWORD from "arn:aws:secretsmanager:us-west-2:111122223333:secret:shop/db-Ab12Cd" key "password"
          secret SESSION_KEY from ssm "/shop/session-key"
          secret FLAT from ssm "shop-flat"
          secret API_KEY from "arn:aws:secretsmanager:us-west-2:111122223333:secret:shop/api-Ef34Gh"
        }
        """);
    JsonNode secrets = json(files.get("api/taskdef.json")).at("/containerDefinitions/0/secrets");
    assertEquals(
        List.of(
            "API_KEY=arn:aws:secretsmanager:us-west-2:111122223333:secret:shop/api-Ef34Gh",
            "DB_PASSWORD=arn:aws:secretsmanager:us-west-2:111122223333:secret:shop/db-Ab12Cd:password::",
            "FLAT=arn:aws:ssm:us-west-2:111122223333:parameter/shop-flat",
            "SESSION_KEY=arn:aws:ssm:us-west-2:111122223333:parameter/shop/session-key",
            "ZED_TOKEN=arn:aws:ssm:us-west-2:111122223333:parameter/shop/zed"),
        pairs(secrets, "name", "valueFrom"));
  }

  /** Issue 12, item 11: a version stage and a version id, as ECS documents valueFrom. */
  @Test
  void secretVersionsAreWrittenIntoValueFrom() {
    Map<String, String> files =
        compile(
            APP
                + """
        service api {
          image  "nginx:1.27"
          secret A from "arn:aws:secretsmanager:us-west-2:111122223333:secret:db-Ab12Cd" key "password" version_stage "AWSPREVIOUS"
          secret B from "arn:aws:secretsmanager:us-west-2:111122223333:secret:db-Ab12Cd" version_id "01234567-89ab-cdef-0123-456789abcdef"
          secret C from "arn:aws:secretsmanager:us-west-2:111122223333:secret:db-Ab12Cd" key "k" version_stage "AWSCURRENT" version_id "01234567-89ab-cdef-0123-456789abcdef"
        }
        """);
    JsonNode secrets = json(files.get("api/taskdef.json")).at("/containerDefinitions/0/secrets");
    assertEquals(
        List.of(
            "A=arn:aws:secretsmanager:us-west-2:111122223333:secret:db-Ab12Cd:password:AWSPREVIOUS:",
            "B=arn:aws:secretsmanager:us-west-2:111122223333:secret:db-Ab12Cd:::01234567-89ab-cdef-0123-456789abcdef",
            "C=arn:aws:secretsmanager:us-west-2:111122223333:secret:db-Ab12Cd:k:AWSCURRENT:01234567-89ab-cdef-0123-456789abcdef"),
        pairs(secrets, "name", "valueFrom"));
  }

  @Test
  void ssmParameterArnsUseTheRegionsPartition() {
    assertEquals(
        "arn:aws-cn:ssm:cn-north-1:111122223333:parameter/a/b",
        EcsNames.ssmParameterArn("cn-north-1", "111122223333", "/a/b"));
    assertEquals(
        "arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/a",
        EcsNames.ssmParameterArn("us-gov-west-1", "111122223333", "a"));
  }

  @Test
  void logsOffLeavesEveryContainerWithoutALogConfiguration() {
    Map<String, String> files =
        compile(
            APP
                + """
        service batch {
          image "busybox:1.36"
          logs off
          sidecar helper {
            image "busybox:1.36"
          }
        }
        """);
    JsonNode containers = json(files.get("batch/taskdef.json")).get("containerDefinitions");
    assertEquals(2, containers.size());
    for (JsonNode container : containers) {
      assertFalse(container.has("logConfiguration"), container.toString());
    }
  }

  @Test
  void aLogsBlockSetsTheGroupAndTheMainStreamPrefix() {
    Map<String, String> files =
        compile(
            APP
                + """
        service api {
          image "nginx:1.27"
          logs {
            group         "/shop/production/api"
            retention     30d
            stream_prefix "http"
          }
          sidecar agent {
            image "busybox:1.36"
          }
        }
        """);
    JsonNode containers = json(files.get("api/taskdef.json")).get("containerDefinitions");
    assertEquals(
        "/shop/production/api",
        containers.at("/0/logConfiguration/options/awslogs-group").asText());
    assertEquals(
        "http", containers.at("/0/logConfiguration/options/awslogs-stream-prefix").asText());
    assertEquals(
        "/shop/production/api",
        containers.at("/1/logConfiguration/options/awslogs-group").asText());
    assertEquals(
        "agent", containers.at("/1/logConfiguration/options/awslogs-stream-prefix").asText());
  }

  @Test
  void healthCheckDefaultsAreWrittenAndStartPeriodOnlyWhenGiven() {
    Map<String, String> files =
        compile(
            APP
                + """
        service a {
          image  "nginx:1.27"
          health "curl -fsS http://localhost/ || exit 1"
        }
        service b {
          image  "nginx:1.27"
          health ["/healthcheck"] every 10s timeout 3s retries 5 grace 1m
        }
        service c {
          image  "nginx:1.27"
          health none
        }
        service d {
          image  "nginx:1.27"
        }
        """);
    assertEquals(
        json(
            """
            {"command": ["CMD-SHELL", "curl -fsS http://localhost/ || exit 1"],
             "interval": 30, "timeout": 5, "retries": 3}"""),
        json(files.get("a/taskdef.json")).at("/containerDefinitions/0/healthCheck"));
    assertEquals(
        json(
            """
            {"command": ["CMD", "/healthcheck"],
             "interval": 10, "timeout": 3, "retries": 5, "startPeriod": 60}"""),
        json(files.get("b/taskdef.json")).at("/containerDefinitions/0/healthCheck"));
    assertFalse(json(files.get("c/taskdef.json")).at("/containerDefinitions/0").has("healthCheck"));
    assertFalse(json(files.get("d/taskdef.json")).at("/containerDefinitions/0").has("healthCheck"));
  }

  @Test
  void commandAndEntryPointAreWrittenAsLists() {
    Map<String, String> files =
        compile(
            APP
                + """
        service worker {
          image      "python:3.12-slim"
          entrypoint ["python", "-m"]
          command    ["shop.worker", "--queue", "orders"]
        }
        """);
    JsonNode main = json(files.get("worker/taskdef.json")).at("/containerDefinitions/0");
    assertEquals(json("[\"python\", \"-m\"]"), main.get("entryPoint"));
    assertEquals(json("[\"shop.worker\", \"--queue\", \"orders\"]"), main.get("command"));
  }

  @Test
  void serviceTagsOverrideAppTagsAndTheOwnershipTagIsAlwaysThere() {
    String app =
        APP.replace(
            "  cluster shop-prod\n",
            """
          cluster shop-prod
          task_role "arn:aws:iam::111122223333:role/shop-task"
          tags {
            team = "storefront"
            cost-center = "cc-1234"
          }
        """);
    Map<String, String> files =
        compile(
            app
                + """
        service api {
          image "nginx:1.27"
          tags {
            team = "checkout"
            tier = "web"
          }
        }
        """);
    List<String> expected =
        List.of("cost-center=cc-1234", "fgd:app=shop", "team=checkout", "tier=web");
    JsonNode taskdef = json(files.get("api/taskdef.json"));
    assertEquals(expected, pairs(taskdef.get("tags"), "key", "value"));
    assertEquals(expected, pairs(json(files.get("api/service.json")).get("tags"), "key", "value"));
    assertEquals("arn:aws:iam::111122223333:role/shop-task", taskdef.get("taskRoleArn").asText());
  }

  @Test
  void taskSizeDefaultsToTheSmallestFargateSizeAndReplicasToOne() {
    Map<String, String> files =
        compile(
            APP
                + """
        service tiny {
          image "busybox:1.36"
        }
        """);
    JsonNode taskdef = json(files.get("tiny/taskdef.json"));
    assertEquals("256", taskdef.get("cpu").asText());
    assertEquals("512", taskdef.get("memory").asText());
    JsonNode service = json(files.get("tiny/service.json"));
    assertEquals(1, service.get("desiredCount").asInt());
    assertFalse(service.has("loadBalancers"));
    assertFalse(service.has("healthCheckGracePeriodSeconds"));
    assertNull(files.get("tiny/scaling.json"));
  }

  @Test
  void publicIpOnIsEnabled() {
    Map<String, String> files =
        compile(
            APP.replace(
                    "security_groups sg-0aaaabbbbccccdddd",
                    "security_groups sg-0aaaabbbbccccdddd\n    public_ip on")
                + """
        service web {
          image "nginx:1.27"
        }
        """);
    assertEquals(
        "ENABLED",
        json(files.get("web/service.json"))
            .at("/networkConfiguration/awsvpcConfiguration/assignPublicIp")
            .asText());
  }

  @Test
  void compilingTwiceGivesTheSameBytes() {
    String spec =
        APP
            + """
        service api {
          image  "nginx:1.27"
          env    B = "2"
          env    A = "1"
          secret S from ssm "/s"
          scale  2..4 on cpu 50%, memory 60%
          sidecar x {
            image "busybox:1.36"
          }
        }
        """;
    List<Artifact> first =
        Compiler.compile(new SourceFile("t.fgd", spec), EcsTesting.OPTIONS).artifacts();
    List<Artifact> second =
        Compiler.compile(new SourceFile("t.fgd", spec), EcsTesting.OPTIONS).artifacts();
    assertEquals(first.size(), second.size());
    assertTrue(first.size() >= 3);
    for (int i = 0; i < first.size(); i++) {
      assertEquals(first.get(i).path(), second.get(i).path());
      assertArrayEquals(first.get(i).content(), second.get(i).content(), first.get(i).path());
    }
  }

  @Test
  void reorderingEnvLinesDoesNotChangeTheOutput() {
    String ab =
        APP + "service api {\n  image \"nginx:1.27\"\n  env A = \"1\"\n  env B = \"2\"\n}\n";
    String ba =
        APP + "service api {\n  image \"nginx:1.27\"\n  env B = \"2\"\n  env A = \"1\"\n}\n";
    assertEquals(compile(ab).get("api/taskdef.json"), compile(ba).get("api/taskdef.json"));
  }

  @Test
  void outputIsUtf8WithUnixLineEndsAndAFinalNewline() {
    Map<String, String> files =
        compile(
            APP
                + """
        service api {
          image "nginx:1.27"
          env   GREETING = "grüß dich"
        }
        """);
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (file.getKey().endsWith(".json")) {
        assertFalse(file.getValue().contains("\r"), file.getKey());
        assertTrue(file.getValue().endsWith("}\n"), file.getKey());
        assertFalse(file.getValue().endsWith("\n\n"), file.getKey());
      }
    }
    assertTrue(files.get("api/taskdef.json").contains("\"value\": \"grüß dich\""));
  }

  private static List<String> pairs(JsonNode array, String key, String value) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.get(key).asText() + "=" + n.get(value).asText())
        .toList();
  }
}
