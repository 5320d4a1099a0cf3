package io.fgd.compiler.emit.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The full ECS output of specs/examples/sheets.fgd, written out by hand-checked text: the seed app
 * both helpers and users read first, so every byte of it is pinned here as well as in the golden
 * folder.
 */
class SheetsExampleTest {
  static final Map<String, String> FILES = EcsTesting.compileExample("sheets.fgd");

  @Test
  void apiTaskDefinition() {
    assertEquals(API_TASKDEF, FILES.get("api/taskdef.json"));
  }

  @Test
  void apiService() {
    assertEquals(API_SERVICE, FILES.get("api/service.json"));
  }

  @Test
  void apiScalingFromScaleTwoToTenOnCpu() {
    assertEquals(API_SCALING, FILES.get("api/scaling.json"));
  }

  @Test
  void serverIsBuiltFromSourceAndTaggedWithTheImageTag() {
    assertEquals(SERVER_TASKDEF, FILES.get("server/taskdef.json"));
  }

  @Test
  void serverHasNoScalingFileAndRunsItsTwoReplicas() {
    assertEquals(null, FILES.get("server/scaling.json"));
    assertEquals(2, EcsTesting.json(FILES.get("server/service.json")).get("desiredCount").asInt());
  }

  static final String API_TASKDEF =
      """
        {
          "family": "sheets-api",
          "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
          "networkMode": "awsvpc",
          "containerDefinitions": [
            {
              "name": "api",
              "image": "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:latest",
              "portMappings": [
                {
                  "containerPort": 80,
                  "hostPort": 80,
                  "protocol": "tcp"
                }
              ],
              "essential": true,
              "environment": [
                {
                  "name": "NEST_PORT",
                  "value": "80"
                }
              ],
              "secrets": [
                {
                  "name": "ASM_GOOGLE_SECRET",
                  "valueFrom": "arn:aws:secretsmanager:us-west-1:123456789012:secret:google-AbCdEf"
                }
              ],
              "logConfiguration": {
                "logDriver": "awslogs",
                "options": {
                  "awslogs-group": "/ecs/sheets/api",
                  "awslogs-region": "us-west-1",
                  "awslogs-stream-prefix": "api"
                }
              },
              "healthCheck": {
                "command": [
                  "CMD-SHELL",
                  "curl -f http://localhost/health || exit 1"
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
          "cpu": "256",
          "memory": "512",
          "tags": [
            {
              "key": "fgd:app",
              "value": "sheets"
            }
          ]
        }
        """;

  static final String API_SERVICE =
      """
        {
          "cluster": "sheets-prod",
          "serviceName": "api",
          "taskDefinition": "sheets-api",
          "desiredCount": 2,
          "launchType": "FARGATE",
          "platformVersion": "LATEST",
          "deploymentConfiguration": {
            "deploymentCircuitBreaker": {
              "enable": true,
              "rollback": true
            },
            "maximumPercent": 200,
            "minimumHealthyPercent": 100
          },
          "networkConfiguration": {
            "awsvpcConfiguration": {
              "subnets": [
                "subnet-0a1b2c3d",
                "subnet-4e5f6a7b"
              ],
              "securityGroups": [
                "sg-0123456789abcdef0"
              ],
              "assignPublicIp": "DISABLED"
            }
          },
          "tags": [
            {
              "key": "fgd:app",
              "value": "sheets"
            }
          ],
          "enableECSManagedTags": true,
          "propagateTags": "SERVICE"
        }
        """;

  static final String API_SCALING =
      """
        {
          "scalableTarget": {
            "ServiceNamespace": "ecs",
            "ResourceId": "service/sheets-prod/api",
            "ScalableDimension": "ecs:service:DesiredCount",
            "MinCapacity": 2,
            "MaxCapacity": 10
          },
          "policies": [
            {
              "PolicyName": "sheets-api-cpu",
              "ServiceNamespace": "ecs",
              "ResourceId": "service/sheets-prod/api",
              "ScalableDimension": "ecs:service:DesiredCount",
              "PolicyType": "TargetTrackingScaling",
              "TargetTrackingScalingPolicyConfiguration": {
                "TargetValue": 60,
                "PredefinedMetricSpecification": {
                  "PredefinedMetricType": "ECSServiceAverageCPUUtilization"
                }
              }
            }
          ]
        }
        """;

  static final String SERVER_TASKDEF =
      """
        {
          "family": "sheets-server",
          "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
          "networkMode": "awsvpc",
          "containerDefinitions": [
            {
              "name": "server",
              "image": "123456789012.dkr.ecr.us-west-1.amazonaws.com/sheets/server:golden",
              "portMappings": [
                {
                  "containerPort": 7000,
                  "hostPort": 7000,
                  "protocol": "tcp"
                },
                {
                  "containerPort": 8000,
                  "hostPort": 8000,
                  "protocol": "tcp"
                }
              ],
              "essential": true,
              "logConfiguration": {
                "logDriver": "awslogs",
                "options": {
                  "awslogs-group": "/ecs/sheets/server",
                  "awslogs-region": "us-west-1",
                  "awslogs-stream-prefix": "server"
                }
              }
            }
          ],
          "requiresCompatibilities": [
            "FARGATE"
          ],
          "cpu": "256",
          "memory": "512",
          "tags": [
            {
              "key": "fgd:app",
              "value": "sheets"
            }
          ]
        }
        """;
}
