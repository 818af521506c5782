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

/** The document of schemas/spec-document.schema.json. */
export const SPEC_DOCUMENT_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/spec-document.schema.json",
  "title": "SpecDocument",
  "description": "One YAML document of a feature-as-code project folder. `kind` says which object it declares; `featurelab plan` compares the folder with the registry and `featurelab apply` records it.",
  "type": "object",
  "required": [
    "kind"
  ],
  "discriminator": {
    "propertyName": "kind"
  },
  "oneOf": [
    {
      "$ref": "#/definitions/EntitySpec"
    },
    {
      "$ref": "#/definitions/FeatureGroupSpec"
    },
    {
      "$ref": "#/definitions/SampleSetSpec"
    },
    {
      "$ref": "#/definitions/ModelSpec"
    }
  ],
  "definitions": {
    "ApiVersion": {
      "description": "Version of the spec format: featurelab/v1.",
      "const": "featurelab/v1"
    },
    "SparkIdentifier": {
      "description": "letters, digits and underscores, starting with a letter or underscore, at most 128 characters: the name becomes a Spark table or column name, and the Hive metastore accepts no other characters",
      "type": "string",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*$",
      "minLength": 1,
      "maxLength": 128
    },
    "ObjectName": {
      "description": "any text without control characters and without leading or trailing spaces, at most 256 characters",
      "type": "string",
      "pattern": "^[^\\s\\u0000-\\u001f\\u007f](?:[^\\u0000-\\u001f\\u007f]*[^\\s\\u0000-\\u001f\\u007f])?$",
      "minLength": 1,
      "maxLength": 256
    },
    "TableName": {
      "description": "a Spark table: name, database.name or catalog.database.name, each part a Spark identifier",
      "type": "string",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){0,2}$",
      "maxLength": 400
    },
    "SparkType": {
      "description": "A Spark SQL type as Spark prints it (DataType.simpleString): bigint, string, decimal(12,2), array<float>, map<string,string>, struct<a:int,b:string>...",
      "type": "string",
      "minLength": 1,
      "maxLength": 4096
    },
    "Owner": {
      "description": "Who answers for it: a team or a person, e.g. an e-mail address.",
      "type": "string",
      "minLength": 1,
      "maxLength": 256
    },
    "Description": {
      "description": "Markdown, shown sanitized in the catalog.",
      "type": "string",
      "maxLength": 65536
    },
    "Tags": {
      "description": "Free labels for search and filters.",
      "type": "array",
      "items": {
        "type": "string",
        "minLength": 1,
        "maxLength": 128
      },
      "uniqueItems": true,
      "maxItems": 64
    },
    "Duration": {
      "description": "a whole number followed by s, m, h, d or w, e.g. 90m, 7d",
      "type": "string",
      "pattern": "^[1-9][0-9]{0,8}[smhdw]$"
    },
    "EntitySpec": {
      "title": "EntitySpec",
      "description": "A business object that features describe (a user, an item), identified by its join keys.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "apiVersion",
        "kind",
        "name",
        "joinKeys"
      ],
      "properties": {
        "apiVersion": {
          "$ref": "#/definitions/ApiVersion"
        },
        "kind": {
          "const": "Entity"
        },
        "name": {
          "$ref": "#/definitions/ObjectName"
        },
        "description": {
          "$ref": "#/definitions/Description"
        },
        "owner": {
          "$ref": "#/definitions/Owner"
        },
        "joinKeys": {
          "description": "Columns that identify one instance, in join order.",
          "type": "array",
          "minItems": 1,
          "items": {
            "$ref": "#/definitions/JoinKey"
          }
        }
      }
    },
    "JoinKey": {
      "title": "JoinKey",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "type"
      ],
      "properties": {
        "name": {
          "$ref": "#/definitions/SparkIdentifier"
        },
        "type": {
          "$ref": "#/definitions/SparkType"
        },
        "description": {
          "$ref": "#/definitions/Description"
        }
      }
    },
    "FeatureGroupSpec": {
      "title": "FeatureGroupSpec",
      "description": "Features of one entity computed by one source, stored as one Spark table keyed by the entity's join keys and the event time.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "apiVersion",
        "kind",
        "name",
        "entity",
        "eventTimeColumn",
        "source",
        "features",
        "owner"
      ],
      "properties": {
        "apiVersion": {
          "$ref": "#/definitions/ApiVersion"
        },
        "kind": {
          "const": "FeatureGroup"
        },
        "name": {
          "$ref": "#/definitions/SparkIdentifier"
        },
        "description": {
          "$ref": "#/definitions/Description"
        },
        "owner": {
          "$ref": "#/definitions/Owner"
        },
        "tags": {
          "$ref": "#/definitions/Tags"
        },
        "entity": {
          "description": "Name of the Entity whose join keys key the rows.",
          "$ref": "#/definitions/ObjectName"
        },
        "eventTimeColumn": {
          "description": "Column with the time each row's values became true; point-in-time joins use it.",
          "$ref": "#/definitions/SparkIdentifier"
        },
        "source": {
          "$ref": "#/definitions/FeatureSource"
        },
        "features": {
          "type": "array",
          "minItems": 1,
          "maxItems": 10000,
          "items": {
            "$ref": "#/definitions/FeatureSpec"
          }
        },
        "schedule": {
          "$ref": "#/definitions/Schedule"
        },
        "validation": {
          "$ref": "#/definitions/ValidationRef"
        },
        "online": {
          "description": "Also serve the latest values from the online store. Default: false.",
          "type": "boolean"
        },
        "ttl": {
          "description": "How long a value stays valid after its event time, for point-in-time joins and online serving.",
          "$ref": "#/definitions/Duration"
        }
      }
    },
    "FeatureSource": {
      "title": "FeatureSource",
      "description": "How the feature group's rows are computed.",
      "type": "object",
      "required": [
        "type"
      ],
      "discriminator": {
        "propertyName": "type"
      },
      "oneOf": [
        {
          "$ref": "#/definitions/SqlSource"
        },
        {
          "$ref": "#/definitions/PysparkFileSource"
        },
        {
          "$ref": "#/definitions/NotebookCellSource"
        }
      ]
    },
    "SqlSource": {
      "title": "SqlSource",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "query"
      ],
      "properties": {
        "type": {
          "const": "sql"
        },
        "query": {
          "description": "A Spark SQL SELECT whose output columns are the join keys, the event time and the features.",
          "type": "string",
          "minLength": 1,
          "maxLength": 1000000
        },
        "tables": {
          "$ref": "#/definitions/SourceTables"
        },
        "featureGroups": {
          "$ref": "#/definitions/SourceFeatureGroups"
        }
      }
    },
    "PysparkFileSource": {
      "title": "PysparkFileSource",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "file"
      ],
      "properties": {
        "type": {
          "const": "pyspark"
        },
        "file": {
          "description": "Python file, relative to the spec file.",
          "type": "string",
          "minLength": 1,
          "maxLength": 1024
        },
        "function": {
          "description": "Function that takes the SparkSession and returns the DataFrame. Default: build.",
          "$ref": "#/definitions/SparkIdentifier"
        },
        "tables": {
          "$ref": "#/definitions/SourceTables"
        },
        "featureGroups": {
          "$ref": "#/definitions/SourceFeatureGroups"
        }
      }
    },
    "NotebookCellSource": {
      "title": "NotebookCellSource",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "notebook",
        "cell"
      ],
      "properties": {
        "type": {
          "const": "notebook"
        },
        "notebook": {
          "description": "Notebook file, relative to the spec file.",
          "type": "string",
          "minLength": 1,
          "maxLength": 1024
        },
        "cell": {
          "description": "The cell's id (nbformat 4.5 cell ids).",
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "tables": {
          "$ref": "#/definitions/SourceTables"
        },
        "featureGroups": {
          "$ref": "#/definitions/SourceFeatureGroups"
        }
      }
    },
    "SourceTables": {
      "description": "Tables the source reads (lineage: source tables -> feature group).",
      "type": "array",
      "items": {
        "$ref": "#/definitions/TableName"
      },
      "uniqueItems": true
    },
    "SourceFeatureGroups": {
      "description": "Feature groups the source reads (lineage between feature groups; must not form a cycle).",
      "type": "array",
      "items": {
        "$ref": "#/definitions/SparkIdentifier"
      },
      "uniqueItems": true
    },
    "FeatureSpec": {
      "title": "FeatureSpec",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "type"
      ],
      "properties": {
        "name": {
          "$ref": "#/definitions/SparkIdentifier"
        },
        "type": {
          "$ref": "#/definitions/SparkType"
        },
        "description": {
          "$ref": "#/definitions/Description"
        },
        "tags": {
          "$ref": "#/definitions/Tags"
        },
        "owner": {
          "description": "Default: the feature group's owner.",
          "$ref": "#/definitions/Owner"
        }
      }
    },
    "Schedule": {
      "title": "Schedule",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "cron"
      ],
      "properties": {
        "cron": {
          "description": "five cron fields (minute hour day-of-month month day-of-week) or @hourly, @daily, @weekly, @monthly",
          "type": "string",
          "pattern": "^(@(hourly|daily|weekly|monthly)|[^\\s]+( [^\\s]+){4})$"
        },
        "timezone": {
          "description": "IANA time zone of the cron fields. Default: UTC.",
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        }
      }
    },
    "ValidationRef": {
      "title": "ValidationRef",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "suite"
      ],
      "properties": {
        "suite": {
          "description": "Name of the validation suite run after each build.",
          "$ref": "#/definitions/ObjectName"
        }
      }
    },
    "SampleSetSpec": {
      "title": "SampleSetSpec",
      "description": "Training samples: labelled events joined point-in-time with features.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "apiVersion",
        "kind",
        "name",
        "features"
      ],
      "properties": {
        "apiVersion": {
          "$ref": "#/definitions/ApiVersion"
        },
        "kind": {
          "const": "SampleSet"
        },
        "name": {
          "$ref": "#/definitions/ObjectName"
        },
        "description": {
          "$ref": "#/definitions/Description"
        },
        "owner": {
          "$ref": "#/definitions/Owner"
        },
        "tags": {
          "$ref": "#/definitions/Tags"
        },
        "labels": {
          "$ref": "#/definitions/LabelSource"
        },
        "features": {
          "type": "array",
          "minItems": 1,
          "items": {
            "$ref": "#/definitions/FeatureSelection"
          }
        }
      }
    },
    "LabelSource": {
      "title": "LabelSource",
      "description": "The labelled events (the spine) the features are joined onto.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "table",
        "eventTimeColumn",
        "columns"
      ],
      "properties": {
        "table": {
          "$ref": "#/definitions/TableName"
        },
        "eventTimeColumn": {
          "$ref": "#/definitions/SparkIdentifier"
        },
        "columns": {
          "description": "Label columns.",
          "type": "array",
          "minItems": 1,
          "items": {
            "$ref": "#/definitions/SparkIdentifier"
          },
          "uniqueItems": true
        }
      }
    },
    "FeatureSelection": {
      "title": "FeatureSelection",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "featureGroup"
      ],
      "properties": {
        "featureGroup": {
          "$ref": "#/definitions/SparkIdentifier"
        },
        "features": {
          "description": "Features of the group to use. Default: all of them.",
          "type": "array",
          "minItems": 1,
          "items": {
            "$ref": "#/definitions/SparkIdentifier"
          },
          "uniqueItems": true
        }
      }
    },
    "ModelSpec": {
      "title": "ModelSpec",
      "description": "A model trained on a sample set.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "apiVersion",
        "kind",
        "name",
        "sampleSet"
      ],
      "properties": {
        "apiVersion": {
          "$ref": "#/definitions/ApiVersion"
        },
        "kind": {
          "const": "Model"
        },
        "name": {
          "$ref": "#/definitions/ObjectName"
        },
        "description": {
          "$ref": "#/definitions/Description"
        },
        "owner": {
          "$ref": "#/definitions/Owner"
        },
        "tags": {
          "$ref": "#/definitions/Tags"
        },
        "sampleSet": {
          "description": "Name of the SampleSet it is trained on.",
          "$ref": "#/definitions/ObjectName"
        },
        "framework": {
          "description": "Training framework, informational (e.g. pytorch, xgboost).",
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        }
      }
    }
  }
};

/** The document of schemas/spec-plan-result.schema.json. */
export const SPEC_PLAN_RESULT_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/spec-plan-result.schema.json",
  "title": "SpecPlanResult",
  "description": "Result of `featurelab plan|apply DIR --json` and of the `specs.plan` / `specs.apply` service methods: what differs between a spec folder and the registry, and for apply, the version recorded.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "mode",
    "status",
    "folder",
    "registry",
    "baseVersion",
    "summary",
    "changes",
    "problems",
    "forced",
    "appliedVersion"
  ],
  "properties": {
    "mode": {
      "type": "string",
      "enum": [
        "plan",
        "apply"
      ]
    },
    "status": {
      "description": "ok: planned (and for apply, applied or nothing to do); invalid: the folder has errors (see problems), nothing compared; refused: destructive changes without force, nothing applied; conflict: another apply recorded a version after this plan was made, nothing applied.",
      "type": "string",
      "enum": [
        "ok",
        "invalid",
        "refused",
        "conflict"
      ]
    },
    "folder": {
      "description": "Absolute path of the spec folder.",
      "type": "string"
    },
    "registry": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "location"
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
          "type": "string"
        }
      }
    },
    "baseVersion": {
      "description": "Registry version the plan was made against; 0 for an empty registry.",
      "type": "integer",
      "minimum": 0
    },
    "summary": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "create",
        "update",
        "delete",
        "unchanged",
        "destructive"
      ],
      "properties": {
        "create": {
          "type": "integer",
          "minimum": 0
        },
        "update": {
          "type": "integer",
          "minimum": 0
        },
        "delete": {
          "type": "integer",
          "minimum": 0
        },
        "unchanged": {
          "type": "integer",
          "minimum": 0
        },
        "destructive": {
          "description": "Changes that break a registered sample set or model.",
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "changes": {
      "type": "array",
      "items": {
        "$ref": "#/definitions/SpecChange"
      }
    },
    "problems": {
      "type": "array",
      "items": {
        "$ref": "#/definitions/SpecProblem"
      }
    },
    "forced": {
      "description": "--force was given: destructive changes are allowed.",
      "type": "boolean"
    },
    "appliedVersion": {
      "description": "The registry version apply recorded; null for plan, for an apply with nothing to do, and when nothing was applied.",
      "oneOf": [
        {
          "$ref": "#/definitions/RegistryVersion"
        },
        {
          "type": "null"
        }
      ]
    },
    "conflict": {
      "$ref": "#/definitions/VersionConflict"
    }
  },
  "definitions": {
    "JsonValue": {
      "title": "JsonValue",
      "anyOf": [
        {
          "type": "string"
        },
        {
          "type": "number"
        },
        {
          "type": "boolean"
        },
        {
          "type": "object"
        },
        {
          "type": "array"
        },
        {
          "type": "null"
        }
      ]
    },
    "SpecKind": {
      "type": "string",
      "enum": [
        "Entity",
        "FeatureGroup",
        "SampleSet",
        "Model"
      ]
    },
    "SpecChange": {
      "title": "SpecChange",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "action",
        "kind",
        "name",
        "fields",
        "breaks"
      ],
      "properties": {
        "action": {
          "type": "string",
          "enum": [
            "create",
            "update",
            "delete"
          ]
        },
        "kind": {
          "$ref": "#/definitions/SpecKind"
        },
        "name": {
          "type": "string"
        },
        "file": {
          "description": "Spec file (relative to the folder) for creates and updates.",
          "type": "string"
        },
        "line": {
          "type": "integer",
          "minimum": 1
        },
        "oldHash": {
          "type": "string"
        },
        "newHash": {
          "type": "string"
        },
        "fields": {
          "description": "Field by field, for updates.",
          "type": "array",
          "items": {
            "$ref": "#/definitions/FieldChange"
          }
        },
        "breaks": {
          "description": "Why this change is destructive; empty when it is not.",
          "type": "array",
          "items": {
            "$ref": "#/definitions/BreakingChange"
          }
        }
      }
    },
    "FieldChange": {
      "title": "FieldChange",
      "description": "One changed field of an update; old is absent for add, new for remove.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "op",
        "pointer",
        "label"
      ],
      "properties": {
        "op": {
          "description": "add/replace: pointer into the new spec; remove: pointer into the old spec.",
          "type": "string",
          "enum": [
            "add",
            "remove",
            "replace"
          ]
        },
        "pointer": {
          "description": "JSON pointer of the field.",
          "type": "string"
        },
        "label": {
          "description": "The field for a person, e.g. features[clicks_7d].type.",
          "type": "string"
        },
        "old": {
          "$ref": "#/definitions/JsonValue"
        },
        "new": {
          "$ref": "#/definitions/JsonValue"
        }
      }
    },
    "BreakingChange": {
      "title": "BreakingChange",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "reason",
        "consumers"
      ],
      "properties": {
        "reason": {
          "type": "string"
        },
        "pointer": {
          "type": "string"
        },
        "consumers": {
          "type": "array",
          "items": {
            "$ref": "#/definitions/SpecRef"
          }
        }
      }
    },
    "SpecRef": {
      "title": "SpecRef",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "name"
      ],
      "properties": {
        "kind": {
          "$ref": "#/definitions/SpecKind"
        },
        "name": {
          "type": "string"
        }
      }
    },
    "SourcePosition": {
      "title": "SourcePosition",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "file",
        "line",
        "column"
      ],
      "properties": {
        "file": {
          "description": "Relative to the folder.",
          "type": "string"
        },
        "line": {
          "description": "1-based.",
          "type": "integer",
          "minimum": 1
        },
        "column": {
          "description": "1-based.",
          "type": "integer",
          "minimum": 1
        }
      }
    },
    "SpecProblem": {
      "title": "SpecProblem",
      "description": "One error in the spec folder, at the offending node.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "file",
        "line",
        "column",
        "pointer",
        "message",
        "hint"
      ],
      "properties": {
        "file": {
          "description": "Relative to the folder.",
          "type": "string"
        },
        "line": {
          "type": "integer",
          "minimum": 1
        },
        "column": {
          "type": "integer",
          "minimum": 1
        },
        "document": {
          "description": "Index of the YAML document in the file, from 0.",
          "type": "integer",
          "minimum": 0
        },
        "pointer": {
          "description": "JSON pointer of the field inside its document.",
          "type": "string"
        },
        "message": {
          "type": "string"
        },
        "hint": {
          "type": "string"
        },
        "related": {
          "description": "Other places involved (the other definition of a duplicate, the members of a cycle).",
          "type": "array",
          "items": {
            "$ref": "#/definitions/SourcePosition"
          }
        }
      }
    },
    "RegistryVersion": {
      "title": "RegistryVersion",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "version",
        "author",
        "createdAt",
        "gitCommit"
      ],
      "properties": {
        "version": {
          "type": "integer",
          "minimum": 1
        },
        "author": {
          "type": "string"
        },
        "createdAt": {
          "description": "ISO 8601, UTC.",
          "type": "string"
        },
        "gitCommit": {
          "description": "HEAD of the git repository holding the folder; null outside git.",
          "anyOf": [
            {
              "type": "string"
            },
            {
              "type": "null"
            }
          ]
        }
      }
    },
    "VersionConflict": {
      "title": "VersionConflict",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "expectedVersion",
        "actualVersion"
      ],
      "properties": {
        "expectedVersion": {
          "description": "Version the plan was made against.",
          "type": "integer",
          "minimum": 0
        },
        "actualVersion": {
          "description": "Version the registry had when apply ran.",
          "type": "integer",
          "minimum": 0
        }
      }
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
