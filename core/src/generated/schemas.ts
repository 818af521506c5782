/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/*.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/** A JSON Schema document, as parsed from schemas/. */
export type JsonSchemaDocument = { readonly [key: string]: unknown };

/** The document of schemas/health-result.schema.json. */
export const HEALTH_RESULT_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/health-result.schema.json",
  "title": "HealthResult",
  "description": "Result of the `health` method.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "status",
    "version",
    "protocol",
    "uptimeSeconds",
    "user",
    "registry",
    "backends"
  ],
  "properties": {
    "status": {
      "description": "ok: everything checked works; degraded: usable with limits; error: the registry is not usable.",
      "type": "string",
      "enum": [
        "ok",
        "degraded",
        "error"
      ]
    },
    "version": {
      "type": "string"
    },
    "protocol": {
      "type": "integer",
      "minimum": 1
    },
    "uptimeSeconds": {
      "type": "number",
      "minimum": 0
    },
    "user": {
      "description": "Username of the caller, echoed.",
      "type": "string"
    },
    "registry": {
      "$ref": "#/definitions/RegistryHealth"
    },
    "backends": {
      "type": "array",
      "items": {
        "$ref": "#/definitions/BackendStatus"
      }
    }
  },
  "definitions": {
    "RegistryHealth": {
      "title": "RegistryHealth",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "location",
        "schemaVersion",
        "ok"
      ],
      "properties": {
        "kind": {
          "type": "string",
          "enum": [
            "sqlite",
            "postgresql"
          ]
        },
        "location": {
          "description": "Database file path, or the URL without credentials.",
          "type": "string"
        },
        "schemaVersion": {
          "description": "Applied migration version; 0 when unknown.",
          "type": "integer",
          "minimum": 0
        },
        "ok": {
          "type": "boolean"
        },
        "message": {
          "type": "string"
        }
      }
    },
    "BackendStatus": {
      "title": "BackendStatus",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "kind",
        "configured",
        "detail"
      ],
      "properties": {
        "name": {
          "type": "string",
          "enum": [
            "registry",
            "spark",
            "jobs"
          ]
        },
        "kind": {
          "type": "string",
          "enum": [
            "sqlite",
            "postgresql",
            "local",
            "livy",
            "kubernetes"
          ]
        },
        "configured": {
          "type": "boolean"
        },
        "detail": {
          "type": "string"
        }
      }
    }
  }
};

/** The document of schemas/ready-notification.schema.json. */
export const READY_NOTIFICATION_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/ready-notification.schema.json",
  "title": "ReadyNotificationParams",
  "description": "params of the `featurelab/ready` notification the service sends once it accepts requests.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "version",
    "protocol",
    "pid"
  ],
  "properties": {
    "version": {
      "description": "Service version (semver).",
      "type": "string"
    },
    "protocol": {
      "description": "Stdio protocol version.",
      "type": "integer",
      "minimum": 1
    },
    "pid": {
      "type": "integer",
      "minimum": 1
    }
  }
};

/** The document of schemas/rpc-error-data.schema.json. */
export const RPC_ERROR_DATA_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/rpc-error-data.schema.json",
  "title": "RpcErrorData",
  "description": "`data` of a JSON-RPC error object sent by the service.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "kind"
  ],
  "properties": {
    "kind": {
      "description": "Name of the typed error, e.g. RegistryUnavailableError.",
      "type": "string",
      "minLength": 1
    },
    "hint": {
      "description": "How to fix it, for a person.",
      "type": "string"
    },
    "details": {
      "description": "Machine-readable specifics, e.g. validation problems.",
      "type": "array",
      "items": {
        "$ref": "#/definitions/ErrorDetail"
      }
    }
  },
  "definitions": {
    "ErrorDetail": {
      "title": "ErrorDetail",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "pointer",
        "message"
      ],
      "properties": {
        "pointer": {
          "description": "JSON pointer of the offending value.",
          "type": "string"
        },
        "message": {
          "type": "string"
        }
      }
    }
  }
};

/** The document of schemas/rpc-request-params.schema.json. */
export const RPC_REQUEST_PARAMS_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/rpc-request-params.schema.json",
  "title": "RpcRequestParams",
  "description": "params of every JSON-RPC request to the service. The Jupyter server extension sets `user` from the authenticated Jupyter user; the service never takes identity from anywhere else.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "user",
    "args"
  ],
  "properties": {
    "user": {
      "$ref": "#/definitions/Caller"
    },
    "args": {
      "description": "Method arguments; each method validates its own.",
      "type": "object",
      "additionalProperties": true
    }
  },
  "definitions": {
    "Caller": {
      "title": "Caller",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "username"
      ],
      "properties": {
        "username": {
          "type": "string",
          "minLength": 1
        },
        "displayName": {
          "type": "string"
        }
      }
    }
  }
};

/** The document of schemas/service-config.schema.json. */
export const SERVICE_CONFIG_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/service-config.schema.json",
  "title": "ServiceConfig",
  "description": "Configuration of the Featurelab service, read from <workspace>/.featurelab/config.json or --config FILE. Every section is optional; missing sections take the embedded defaults (SQLite registry in the workspace, local Spark, local jobs, log level info).",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "$schema": {
      "description": "Optional link to this schema, for editor completion.",
      "type": "string"
    },
    "registry": {
      "$ref": "#/definitions/RegistryConfig"
    },
    "spark": {
      "$ref": "#/definitions/SparkConfig"
    },
    "jobs": {
      "$ref": "#/definitions/JobsConfig"
    },
    "log": {
      "$ref": "#/definitions/LogConfig"
    }
  },
  "definitions": {
    "RegistryConfig": {
      "title": "RegistryConfig",
      "description": "Where feature groups, checks, samples and jobs are recorded.",
      "type": "object",
      "required": [
        "kind"
      ],
      "discriminator": {
        "propertyName": "kind"
      },
      "oneOf": [
        {
          "$ref": "#/definitions/SqliteRegistryConfig"
        },
        {
          "$ref": "#/definitions/PostgresqlRegistryConfig"
        }
      ]
    },
    "SqliteRegistryConfig": {
      "title": "SqliteRegistryConfig",
      "description": "A SQLite file; the embedded default.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind"
      ],
      "properties": {
        "kind": {
          "const": "sqlite"
        },
        "path": {
          "description": "Database file, relative to the workspace unless absolute. Default: .featurelab/registry.db",
          "type": "string",
          "minLength": 1
        }
      }
    },
    "PostgresqlRegistryConfig": {
      "title": "PostgresqlRegistryConfig",
      "description": "A PostgreSQL database shared by a team. Declared for a later release; the service does not connect to it yet.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "url"
      ],
      "properties": {
        "kind": {
          "const": "postgresql"
        },
        "url": {
          "description": "Connection URL, e.g. postgresql://featurelab@db.example.com:5432/featurelab",
          "type": "string",
          "pattern": "^postgres(ql)?://"
        }
      }
    },
    "SparkConfig": {
      "title": "SparkConfig",
      "description": "Where Spark work runs.",
      "type": "object",
      "required": [
        "kind"
      ],
      "discriminator": {
        "propertyName": "kind"
      },
      "oneOf": [
        {
          "$ref": "#/definitions/LocalSparkConfig"
        },
        {
          "$ref": "#/definitions/LivySparkConfig"
        }
      ]
    },
    "LocalSparkConfig": {
      "title": "LocalSparkConfig",
      "description": "Local pyspark; the embedded default.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind"
      ],
      "properties": {
        "kind": {
          "const": "local"
        },
        "master": {
          "description": "Spark master URL for local runs. Default: local[*]",
          "type": "string",
          "pattern": "^local(\\[(\\*|[1-9][0-9]*)\\])?$"
        }
      }
    },
    "LivySparkConfig": {
      "title": "LivySparkConfig",
      "description": "An Apache Livy server in front of a Spark cluster.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "url"
      ],
      "properties": {
        "kind": {
          "const": "livy"
        },
        "url": {
          "description": "Base URL of the Livy REST API, e.g. http://livy.example.com:8998",
          "type": "string",
          "pattern": "^https?://"
        }
      }
    },
    "JobsConfig": {
      "title": "JobsConfig",
      "description": "Where batch and training jobs run.",
      "type": "object",
      "required": [
        "kind"
      ],
      "discriminator": {
        "propertyName": "kind"
      },
      "oneOf": [
        {
          "$ref": "#/definitions/LocalJobsConfig"
        },
        {
          "$ref": "#/definitions/LivyJobsConfig"
        },
        {
          "$ref": "#/definitions/KubernetesJobsConfig"
        }
      ]
    },
    "LocalJobsConfig": {
      "title": "LocalJobsConfig",
      "description": "Local processes; the embedded default.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind"
      ],
      "properties": {
        "kind": {
          "const": "local"
        }
      }
    },
    "LivyJobsConfig": {
      "title": "LivyJobsConfig",
      "description": "Spark batch jobs submitted to Apache Livy.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "url"
      ],
      "properties": {
        "kind": {
          "const": "livy"
        },
        "url": {
          "description": "Base URL of the Livy REST API, e.g. http://livy.example.com:8998",
          "type": "string",
          "pattern": "^https?://"
        }
      }
    },
    "KubernetesJobsConfig": {
      "title": "KubernetesJobsConfig",
      "description": "Kubernetes Jobs, e.g. for GPU training.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "namespace"
      ],
      "properties": {
        "kind": {
          "const": "kubernetes"
        },
        "namespace": {
          "description": "Namespace the jobs are created in.",
          "type": "string",
          "pattern": "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"
        },
        "context": {
          "description": "kubeconfig context to use. Default: the current context.",
          "type": "string",
          "minLength": 1
        }
      }
    },
    "LogConfig": {
      "title": "LogConfig",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "level": {
          "$ref": "#/definitions/LogLevel"
        }
      }
    },
    "LogLevel": {
      "title": "LogLevel",
      "description": "Lowest level written to stderr. Default: info",
      "type": "string",
      "enum": [
        "debug",
        "info",
        "warn",
        "error"
      ]
    }
  }
};

/** The document of schemas/version-result.schema.json. */
export const VERSION_RESULT_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/version-result.schema.json",
  "title": "VersionResult",
  "description": "Result of the `version` method.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "service",
    "protocol",
    "node"
  ],
  "properties": {
    "service": {
      "description": "Service version (semver).",
      "type": "string"
    },
    "protocol": {
      "description": "Stdio protocol version.",
      "type": "integer",
      "minimum": 1
    },
    "node": {
      "description": "process.version of the Node running the service, e.g. v24.19.0",
      "type": "string"
    }
  }
};
