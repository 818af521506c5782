/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/*.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/** A JSON Schema document, as parsed from schemas/. */
export type JsonSchemaDocument = { readonly [key: string]: unknown };

/** The document of schemas/catalog-params.schema.json. */
export const CATALOG_PARAMS_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/catalog-params.schema.json",
  "title": "CatalogParams",
  "description": "`args` of the catalog service methods (POST featurelab/api/rpc/<method> with body {\"args\": ...}).",
  "anyOf": [
    {
      "$ref": "#/definitions/CatalogListParams"
    },
    {
      "$ref": "#/definitions/CatalogGetParams"
    },
    {
      "$ref": "#/definitions/CatalogDiffParams"
    },
    {
      "$ref": "#/definitions/CatalogLineageParams"
    }
  ],
  "definitions": {
    "CatalogListParams": {
      "title": "CatalogListParams",
      "description": "`catalog.list`: no arguments.",
      "type": "object",
      "additionalProperties": false,
      "properties": {}
    },
    "CatalogGetParams": {
      "title": "CatalogGetParams",
      "description": "`catalog.get`.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "name"
      ],
      "properties": {
        "kind": {
          "type": "string",
          "enum": [
            "Entity",
            "FeatureGroup",
            "Feature",
            "SampleSet",
            "Model"
          ]
        },
        "name": {
          "description": "The object's name; for a Feature \"<group>.<feature>\".",
          "type": "string",
          "minLength": 1,
          "maxLength": 1024
        }
      }
    },
    "CatalogDiffParams": {
      "title": "CatalogDiffParams",
      "description": "`catalog.diff`: the object's spec at fromVersion against toVersion (any two registry versions, either order).",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "name",
        "fromVersion",
        "toVersion"
      ],
      "properties": {
        "kind": {
          "type": "string",
          "enum": [
            "Entity",
            "FeatureGroup",
            "Feature",
            "SampleSet",
            "Model"
          ]
        },
        "name": {
          "description": "The object's name; for a Feature \"<group>.<feature>\".",
          "type": "string",
          "minLength": 1,
          "maxLength": 1024
        },
        "fromVersion": {
          "type": "integer",
          "minimum": 0
        },
        "toVersion": {
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "CatalogLineageParams": {
      "title": "CatalogLineageParams",
      "description": "`catalog.lineage`.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "name"
      ],
      "properties": {
        "kind": {
          "type": "string",
          "enum": [
            "Entity",
            "FeatureGroup",
            "Feature",
            "SampleSet",
            "Model"
          ]
        },
        "name": {
          "description": "The object's name; for a Feature \"<group>.<feature>\".",
          "type": "string",
          "minLength": 1,
          "maxLength": 1024
        },
        "depth": {
          "description": "Steps upstream and downstream from the object. Default 2.",
          "type": "integer",
          "minimum": 0,
          "maximum": 10
        }
      }
    }
  }
};

/** The document of schemas/catalog-result.schema.json. */
export const CATALOG_RESULT_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/catalog-result.schema.json",
  "title": "CatalogResult",
  "description": "Results of the catalog service methods: `catalog.list` -> CatalogListResult, `catalog.get` -> CatalogDetail, `catalog.diff` -> CatalogDiffResult, `catalog.lineage` -> LineageGraph. Read-only views of the registry that `featurelab apply` writes.",
  "anyOf": [
    {
      "$ref": "#/definitions/CatalogListResult"
    },
    {
      "$ref": "#/definitions/CatalogDetail"
    },
    {
      "$ref": "#/definitions/CatalogDiffResult"
    },
    {
      "$ref": "#/definitions/LineageGraph"
    }
  ],
  "definitions": {
    "CatalogEntryKind": {
      "title": "CatalogEntryKind",
      "description": "What a catalog entry is: a registered spec, or one feature of a feature group.",
      "type": "string",
      "enum": [
        "Entity",
        "FeatureGroup",
        "Feature",
        "SampleSet",
        "Model"
      ]
    },
    "QualityStatus": {
      "title": "QualityStatus",
      "description": "Outcome of the latest validation run; unknown until the validation issue records one.",
      "type": "string",
      "enum": [
        "passing",
        "warning",
        "failing",
        "unknown"
      ]
    },
    "CatalogEntry": {
      "title": "CatalogEntry",
      "description": "One searchable object of the catalog.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "kind",
        "name",
        "description",
        "owner",
        "tags",
        "entities",
        "online",
        "quality",
        "updatedVersion"
      ],
      "properties": {
        "id": {
          "description": "Stable id: \"Entity:<name>\", \"FeatureGroup:<name>\", \"Feature:<group>.<feature>\", \"SampleSet:<name>\", \"Model:<name>\". Also the lineage node id of the object.",
          "type": "string"
        },
        "kind": {
          "$ref": "#/definitions/CatalogEntryKind"
        },
        "name": {
          "description": "The object's name; for a Feature the feature's own name (its group is in featureGroup).",
          "type": "string"
        },
        "featureGroup": {
          "description": "Features only: the feature group the feature belongs to.",
          "type": "string"
        },
        "description": {
          "description": "Markdown source, unrendered; \"\" when there is none. Render it sanitized.",
          "type": "string"
        },
        "owner": {
          "description": "Owner of the object (a feature inherits its group's); \"\" when none is declared.",
          "type": "string"
        },
        "tags": {
          "description": "Tags of the object (a feature also carries its group's tags).",
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        "entities": {
          "description": "Entities the object is keyed by: an entity itself, a feature group's entity, the entities of a sample set's feature groups, a model's sample set's entities.",
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        "online": {
          "description": "Served online (feature groups and their features); false for the other kinds.",
          "type": "boolean"
        },
        "type": {
          "description": "Features only: the Spark type (DataType.simpleString).",
          "type": "string"
        },
        "quality": {
          "$ref": "#/definitions/QualityStatus"
        },
        "updatedVersion": {
          "description": "Registry version that last changed the object's spec (for a feature: its group's).",
          "type": "integer",
          "minimum": 1
        }
      }
    },
    "CatalogListResult": {
      "title": "CatalogListResult",
      "description": "Result of `catalog.list`: every entry of the registry at one version.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "registryVersion",
        "entries"
      ],
      "properties": {
        "registryVersion": {
          "description": "The registry version the entries were read at; 0 for an empty registry.",
          "type": "integer",
          "minimum": 0
        },
        "entries": {
          "type": "array",
          "items": {
            "$ref": "#/definitions/CatalogEntry"
          }
        }
      }
    },
    "CatalogSourceLocation": {
      "title": "CatalogSourceLocation",
      "description": "Where the object's spec is declared in the workspace's spec folder (config key specs.folder).",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "path",
        "line",
        "column"
      ],
      "properties": {
        "path": {
          "description": "Spec file, relative to the workspace, with / separators.",
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
    "CatalogVersion": {
      "title": "CatalogVersion",
      "description": "One registry version that changed the object.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "version",
        "action",
        "author",
        "createdAt",
        "gitCommit"
      ],
      "properties": {
        "version": {
          "type": "integer",
          "minimum": 1
        },
        "action": {
          "type": "string",
          "enum": [
            "create",
            "update",
            "delete"
          ]
        },
        "author": {
          "type": "string"
        },
        "createdAt": {
          "description": "ISO 8601, UTC.",
          "type": "string"
        },
        "gitCommit": {
          "description": "Commit of the spec folder's git repository at apply time; null outside git.",
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
    "CatalogObjectRef": {
      "title": "CatalogObjectRef",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "name"
      ],
      "properties": {
        "kind": {
          "$ref": "#/definitions/CatalogEntryKind"
        },
        "name": {
          "description": "As catalog.get takes it (\"<group>.<feature>\" for a Feature).",
          "type": "string"
        }
      }
    },
    "CatalogDetail": {
      "title": "CatalogDetail",
      "description": "Result of `catalog.get`: one object with its spec, history, consumers and lineage.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "entry",
        "spec",
        "sourceFile",
        "versions",
        "usedBy",
        "lineage"
      ],
      "properties": {
        "entry": {
          "$ref": "#/definitions/CatalogEntry"
        },
        "spec": {
          "description": "The stored (canonical) spec document; for a Feature, its feature group's.",
          "type": "object",
          "additionalProperties": {}
        },
        "sourceFile": {
          "description": "Where the spec is declared; null when the workspace's spec folder does not declare it (any more).",
          "oneOf": [
            {
              "$ref": "#/definitions/CatalogSourceLocation"
            },
            {
              "type": "null"
            }
          ]
        },
        "versions": {
          "description": "Registry versions that changed the object (for a Feature: its group), newest first.",
          "type": "array",
          "items": {
            "$ref": "#/definitions/CatalogVersion"
          }
        },
        "usedBy": {
          "description": "Sample sets and models that use the object, directly or through a sample set.",
          "type": "array",
          "items": {
            "$ref": "#/definitions/CatalogObjectRef"
          }
        },
        "lineage": {
          "$ref": "#/definitions/LineageGraph"
        }
      }
    },
    "CatalogDiffChange": {
      "title": "CatalogDiffChange",
      "description": "One changed field between two versions: before is the value at fromVersion (absent for add), after the value at toVersion (absent for remove).",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "pointer",
        "action"
      ],
      "properties": {
        "pointer": {
          "description": "JSON pointer of the field (into toVersion's spec for add/change, fromVersion's for remove).",
          "type": "string"
        },
        "action": {
          "type": "string",
          "enum": [
            "add",
            "remove",
            "change"
          ]
        },
        "before": {
          "$ref": "#/definitions/CatalogJsonValue"
        },
        "after": {
          "$ref": "#/definitions/CatalogJsonValue"
        }
      }
    },
    "CatalogDiffResult": {
      "title": "CatalogDiffResult",
      "description": "Result of `catalog.diff`: the object's spec at fromVersion against toVersion, field by field. A version where the object did not exist (or was deleted) diffs as an empty document.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "name",
        "fromVersion",
        "toVersion",
        "changes"
      ],
      "properties": {
        "kind": {
          "$ref": "#/definitions/CatalogEntryKind"
        },
        "name": {
          "type": "string"
        },
        "fromVersion": {
          "type": "integer",
          "minimum": 0
        },
        "toVersion": {
          "type": "integer",
          "minimum": 0
        },
        "changes": {
          "type": "array",
          "items": {
            "$ref": "#/definitions/CatalogDiffChange"
          }
        }
      }
    },
    "LineageNodeKind": {
      "title": "LineageNodeKind",
      "type": "string",
      "enum": [
        "table",
        "Entity",
        "FeatureGroup",
        "SampleSet",
        "Model"
      ]
    },
    "LineageNode": {
      "title": "LineageNode",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "kind",
        "name",
        "label"
      ],
      "properties": {
        "id": {
          "description": "\"table:<qualified name>\" for a source table, otherwise the CatalogEntry id.",
          "type": "string"
        },
        "kind": {
          "$ref": "#/definitions/LineageNodeKind"
        },
        "name": {
          "type": "string"
        },
        "label": {
          "description": "Short text to draw on the node.",
          "type": "string"
        }
      }
    },
    "LineageEdge": {
      "title": "LineageEdge",
      "description": "Data flows from `from` to `to`: table -reads-> FeatureGroup, FeatureGroup -reads-> FeatureGroup, Entity -keyedBy-> FeatureGroup, FeatureGroup -uses-> SampleSet, table -uses-> SampleSet (its labels), SampleSet -trainedOn-> Model.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "from",
        "to",
        "kind"
      ],
      "properties": {
        "from": {
          "type": "string"
        },
        "to": {
          "type": "string"
        },
        "kind": {
          "type": "string",
          "enum": [
            "reads",
            "keyedBy",
            "uses",
            "trainedOn"
          ]
        }
      }
    },
    "LineageGraph": {
      "title": "LineageGraph",
      "description": "Result of `catalog.lineage`, and CatalogDetail.lineage: the neighbourhood of one object, up to depth steps upstream and downstream.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "root",
        "nodes",
        "edges"
      ],
      "properties": {
        "root": {
          "description": "Id of the node asked for (for a Feature: its feature group's node).",
          "type": "string"
        },
        "nodes": {
          "type": "array",
          "items": {
            "$ref": "#/definitions/LineageNode"
          }
        },
        "edges": {
          "type": "array",
          "items": {
            "$ref": "#/definitions/LineageEdge"
          }
        }
      }
    },
    "CatalogJsonValue": {
      "title": "CatalogJsonValue",
      "description": "Any JSON value.",
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
    }
  }
};

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

/** The document of schemas/job-logs-result.schema.json. */
export const JOB_LOGS_RESULT_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/job-logs-result.schema.json",
  "title": "JobLogsResult",
  "description": "A page of a run's output log (`jobs.logs`). To follow a log, ask again from nextOffset until complete is true.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "jobId",
    "runId",
    "state",
    "offset",
    "nextOffset",
    "size",
    "data",
    "complete"
  ],
  "properties": {
    "jobId": {
      "type": "string"
    },
    "runId": {
      "type": "string"
    },
    "state": {
      "description": "State of the run when the page was read.",
      "type": "string",
      "enum": [
        "queued",
        "submitting",
        "running",
        "succeeded",
        "failed",
        "cancelling",
        "cancelled",
        "lost"
      ]
    },
    "offset": {
      "description": "Byte offset of the first byte of data (moved forward to a UTF-8 character boundary when needed).",
      "type": "integer",
      "minimum": 0
    },
    "nextOffset": {
      "description": "Byte offset to ask for next; always on a UTF-8 character boundary.",
      "type": "integer",
      "minimum": 0
    },
    "size": {
      "description": "Size of the log in bytes when it was read.",
      "type": "integer",
      "minimum": 0
    },
    "data": {
      "description": "The log text from offset to nextOffset.",
      "type": "string"
    },
    "complete": {
      "description": "The run has ended and nothing follows nextOffset: a follower can stop.",
      "type": "boolean"
    }
  }
};

/** The document of schemas/job-settings.schema.json. */
export const JOB_SETTINGS_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/job-settings.schema.json",
  "title": "JobSettings",
  "description": "Settings of the job service, read from <workspace>/.featurelab/jobs.json by the service and the `featurelab jobs` commands alike. Every field is optional.",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "$schema": {
      "type": "string"
    },
    "concurrency": {
      "description": "Runs that may be active (submitting, running or cancelling) at once. Default: 2.",
      "type": "integer",
      "minimum": 1,
      "maximum": 1000
    },
    "admins": {
      "description": "Users who may see and cancel every user's jobs. Default: none.",
      "type": "array",
      "items": {
        "type": "string",
        "minLength": 1
      }
    },
    "sparkSubmit": {
      "description": "spark-submit to run. Default: $SPARK_HOME/bin/spark-submit, else spark-submit on PATH.",
      "type": "string",
      "minLength": 1
    },
    "python": {
      "description": "Python for plain-process jobs. Default: $FEATURELAB_PYTHON, else python3 on PATH.",
      "type": "string",
      "minLength": 1
    },
    "pollIntervalMs": {
      "description": "How often the scheduler checks runs. Default: 500.",
      "type": "integer",
      "minimum": 20,
      "maximum": 60000
    },
    "cancelGraceSeconds": {
      "description": "Time between SIGTERM and SIGKILL when cancelling a local run. Default: 10.",
      "type": "number",
      "minimum": 0,
      "maximum": 3600
    }
  }
};

/** The document of schemas/job-spec.schema.json. */
export const JOB_SPEC_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/job-spec.schema.json",
  "title": "JobSpec",
  "description": "What a user submits as a job (`jobs.submit` args.spec, `featurelab jobs submit`). The owner is never part of it: the service records the authenticated caller.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "kind",
    "code"
  ],
  "properties": {
    "name": {
      "description": "Job name, shown in lists; LAST_ONLY groups runs by name and owner. Default: the code's file name (or \"inline\").",
      "type": "string",
      "minLength": 1,
      "maxLength": 200,
      "pattern": "^[^\\u0000-\\u001f]+$"
    },
    "kind": {
      "$ref": "#/definitions/JobKind"
    },
    "code": {
      "$ref": "#/definitions/JobCode"
    },
    "launcher": {
      "description": "How the local backend starts Python code: spark-submit (default for spark-batch) or the Python interpreter as a plain process (a pyspark script still gets a local Spark session from pyspark itself). Other backends ignore it.",
      "type": "string",
      "enum": [
        "spark-submit",
        "python"
      ]
    },
    "parameters": {
      "description": "Passed to the program unchanged as arguments --<name>=<value>, in this order, and as JSON in the environment variable FEATURELAB_JOB_PARAMETERS. Never through a shell.",
      "type": "object",
      "propertyNames": {
        "pattern": "^[A-Za-z_][A-Za-z0-9_.-]{0,127}$"
      },
      "additionalProperties": {
        "type": "string",
        "maxLength": 1048576
      }
    },
    "spark": {
      "$ref": "#/definitions/JobSparkSettings"
    },
    "training": {
      "$ref": "#/definitions/TrainingSettings"
    },
    "policy": {
      "$ref": "#/definitions/SchedulePolicy"
    },
    "retries": {
      "$ref": "#/definitions/RetryPolicy"
    },
    "idempotencyKey": {
      "description": "Submitting again with the same key (per owner) returns the job the first submission created instead of a new one.",
      "type": "string",
      "minLength": 1,
      "maxLength": 200
    }
  },
  "definitions": {
    "JobKind": {
      "title": "JobKind",
      "description": "spark-batch: a program run to completion; spark-statement: code run in an interactive Spark session (Livy, declared); training: a training program (Kubernetes backend, declared; runs as a plain process locally).",
      "type": "string",
      "enum": [
        "spark-batch",
        "spark-statement",
        "training"
      ]
    },
    "JobCode": {
      "title": "JobCode",
      "description": "The code a job runs. Paths are relative to the workspace.",
      "type": "object",
      "required": [
        "type"
      ],
      "discriminator": {
        "propertyName": "type"
      },
      "oneOf": [
        {
          "$ref": "#/definitions/FileCode"
        },
        {
          "$ref": "#/definitions/NotebookCode"
        },
        {
          "$ref": "#/definitions/InlineCode"
        },
        {
          "$ref": "#/definitions/GitCode"
        }
      ]
    },
    "FileCode": {
      "title": "FileCode",
      "description": "A Python file, run where it is (retries run the file as it is then).",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "path"
      ],
      "properties": {
        "type": {
          "const": "file"
        },
        "path": {
          "type": "string",
          "minLength": 1,
          "maxLength": 4096
        }
      }
    },
    "NotebookCode": {
      "title": "NotebookCode",
      "description": "Code cells of a notebook, copied when the job is submitted: one cell (`cell`), the notebook up to and including it (`cell` and `upTo`), or every code cell (no `cell`). Lines starting with % or ! (IPython magics and shell escapes) are commented out.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "path"
      ],
      "properties": {
        "type": {
          "const": "notebook"
        },
        "path": {
          "type": "string",
          "minLength": 1,
          "maxLength": 4096
        },
        "cell": {
          "description": "0-based index among all cells of the notebook.",
          "type": "integer",
          "minimum": 0
        },
        "upTo": {
          "type": "boolean"
        }
      }
    },
    "InlineCode": {
      "title": "InlineCode",
      "description": "Python source sent with the submission.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "source"
      ],
      "properties": {
        "type": {
          "const": "inline"
        },
        "source": {
          "type": "string",
          "maxLength": 10485760
        }
      }
    },
    "GitCode": {
      "title": "GitCode",
      "description": "A file at a git revision. Declared; no backend runs it yet.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "repository",
        "ref",
        "path"
      ],
      "properties": {
        "type": {
          "const": "git"
        },
        "repository": {
          "type": "string",
          "minLength": 1
        },
        "ref": {
          "type": "string",
          "minLength": 1
        },
        "path": {
          "type": "string",
          "minLength": 1
        }
      }
    },
    "TrainingSettings": {
      "title": "TrainingSettings",
      "description": "Where and how a training job runs on Kubernetes: container image, resources, placement and, for distributed training, the roles and their replicas. The local backend ignores it.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "image"
      ],
      "properties": {
        "image": {
          "description": "Container image; must match the image allow-list of the configuration (jobs.images).",
          "type": "string",
          "minLength": 1,
          "maxLength": 1024
        },
        "command": {
          "description": "Program and arguments run in the container; the code is at /featurelab/code/main.py. Default: [\"python\", \"/featurelab/code/main.py\"]. Parameters are appended as --<name>=<value>.",
          "type": "array",
          "minItems": 1,
          "maxItems": 256,
          "items": {
            "type": "string",
            "maxLength": 65536
          }
        },
        "env": {
          "description": "Environment variables of every container.",
          "type": "object",
          "propertyNames": {
            "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,254}$"
          },
          "additionalProperties": {
            "type": "string",
            "maxLength": 65536
          }
        },
        "resources": {
          "$ref": "#/definitions/TrainingResources"
        },
        "nodeSelector": {
          "description": "Node labels every pod requires, e.g. {\"cloud.google.com/gke-accelerator\": \"nvidia-l4\"}.",
          "type": "object",
          "additionalProperties": {
            "type": "string",
            "maxLength": 63
          }
        },
        "tolerations": {
          "description": "Taints the pods tolerate (e.g. GPU nodes tainted nvidia.com/gpu:NoSchedule).",
          "type": "array",
          "maxItems": 32,
          "items": {
            "$ref": "#/definitions/TrainingToleration"
          }
        },
        "volumes": {
          "description": "Persistent volume claims to mount, by their name in the configuration's approved list (jobs.volumes).",
          "type": "array",
          "maxItems": 16,
          "items": {
            "$ref": "#/definitions/TrainingVolumeMount"
          }
        },
        "secrets": {
          "description": "Secrets to mount, by their name in the configuration's approved list (jobs.secrets).",
          "type": "array",
          "maxItems": 16,
          "items": {
            "$ref": "#/definitions/TrainingVolumeMount"
          }
        },
        "distributed": {
          "$ref": "#/definitions/DistributedTraining"
        },
        "privileged": {
          "description": "Run the containers privileged. Always refused by the submission policy; declared so the refusal can say why.",
          "type": "boolean"
        },
        "hostNetwork": {
          "description": "Use the node's network. Always refused by the submission policy.",
          "type": "boolean"
        },
        "hostPID": {
          "description": "Share the node's process namespace. Always refused by the submission policy.",
          "type": "boolean"
        },
        "hostPaths": {
          "description": "Mount folders of the node. Always refused by the submission policy: use an approved volume.",
          "type": "array",
          "items": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "path",
              "mountPath"
            ],
            "properties": {
              "path": {
                "type": "string",
                "minLength": 1
              },
              "mountPath": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        }
      }
    },
    "TrainingResources": {
      "title": "TrainingResources",
      "description": "Resources of each pod (each replica of each role).",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "gpus": {
          "description": "GPUs per pod (the nvidia.com/gpu limit). Default: 0.",
          "type": "integer",
          "minimum": 0,
          "maximum": 64
        },
        "gpuType": {
          "description": "GPU model: pods go to nodes whose GPU product label (jobs.gpuTypeLabel, default nvidia.com/gpu.product) has this value, e.g. NVIDIA-A100-SXM4-40GB.",
          "type": "string",
          "pattern": "^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$"
        },
        "cpu": {
          "description": "CPU request and limit as a Kubernetes quantity, e.g. 4 or 500m.",
          "type": "string",
          "pattern": "^[0-9]+(\\.[0-9]+)?m?$"
        },
        "memory": {
          "description": "Memory request and limit as a Kubernetes quantity, e.g. 16Gi or 512Mi.",
          "type": "string",
          "pattern": "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$"
        }
      }
    },
    "TrainingToleration": {
      "title": "TrainingToleration",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "key"
      ],
      "properties": {
        "key": {
          "type": "string",
          "minLength": 1,
          "maxLength": 316
        },
        "operator": {
          "type": "string",
          "enum": [
            "Exists",
            "Equal"
          ]
        },
        "value": {
          "type": "string",
          "maxLength": 63
        },
        "effect": {
          "type": "string",
          "enum": [
            "NoSchedule",
            "PreferNoSchedule",
            "NoExecute"
          ]
        }
      }
    },
    "TrainingVolumeMount": {
      "title": "TrainingVolumeMount",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "mountPath"
      ],
      "properties": {
        "name": {
          "description": "Name in the configuration's approved list.",
          "type": "string",
          "minLength": 1,
          "maxLength": 253
        },
        "mountPath": {
          "description": "Absolute path in the container.",
          "type": "string",
          "pattern": "^/"
        },
        "readOnly": {
          "type": "boolean"
        }
      }
    },
    "DistributedTraining": {
      "title": "DistributedTraining",
      "description": "Several pods training together. pytorch: `workers` pods (rank 0 is the master) with RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT set. tensorflow: a chief, `workers` workers and `parameterServers` parameter servers, each with its TF_CONFIG. Both run as Indexed Jobs with a headless Service.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "framework",
        "workers"
      ],
      "properties": {
        "framework": {
          "type": "string",
          "enum": [
            "pytorch",
            "tensorflow"
          ]
        },
        "workers": {
          "description": "pytorch: number of pods (the world size). tensorflow: number of workers besides the chief.",
          "type": "integer",
          "minimum": 1,
          "maximum": 1000
        },
        "parameterServers": {
          "description": "tensorflow only: parameter servers. Default: 0.",
          "type": "integer",
          "minimum": 0,
          "maximum": 100
        },
        "chief": {
          "description": "tensorflow only: run a chief besides the workers. Default: true.",
          "type": "boolean"
        },
        "port": {
          "description": "Port the pods talk to each other on. Default: 29500 (pytorch), 2222 (tensorflow).",
          "type": "integer",
          "minimum": 1024,
          "maximum": 65535
        }
      }
    },
    "JobSparkSettings": {
      "title": "JobSparkSettings",
      "description": "Spark configuration and resources of the job.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "conf": {
          "description": "Spark properties, e.g. {\"spark.sql.shuffle.partitions\": \"2\"}.",
          "type": "object",
          "propertyNames": {
            "pattern": "^spark\\.[A-Za-z0-9_.-]+$"
          },
          "additionalProperties": {
            "type": "string",
            "maxLength": 65536
          }
        },
        "driverMemory": {
          "$ref": "#/definitions/MemorySize"
        },
        "executorMemory": {
          "$ref": "#/definitions/MemorySize"
        },
        "driverCores": {
          "type": "integer",
          "minimum": 1,
          "maximum": 1024
        },
        "executorCores": {
          "type": "integer",
          "minimum": 1,
          "maximum": 1024
        },
        "numExecutors": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100000
        }
      }
    },
    "MemorySize": {
      "title": "MemorySize",
      "description": "A JVM memory size such as 512m or 4g.",
      "type": "string",
      "pattern": "^[1-9][0-9]*[kmgtKMGT]$"
    },
    "SchedulePolicy": {
      "title": "SchedulePolicy",
      "description": "FIFO (default): runs start in submission order. LAST_ONLY: submitting cancels the owner's queued runs of jobs with the same name, so only the latest waits.",
      "type": "string",
      "enum": [
        "FIFO",
        "LAST_ONLY"
      ]
    },
    "RetryPolicy": {
      "title": "RetryPolicy",
      "description": "Automatic retries of failed runs (a non-zero exit). Cancelled and lost runs are not retried automatically. The n-th retry waits backoffSeconds * 2^(n-1), at most maxBackoffSeconds.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "max": {
          "type": "integer",
          "minimum": 0,
          "maximum": 20,
          "description": "Default: 0."
        },
        "backoffSeconds": {
          "type": "number",
          "minimum": 0,
          "maximum": 86400,
          "description": "Default: 10."
        },
        "maxBackoffSeconds": {
          "type": "number",
          "minimum": 0,
          "maximum": 86400,
          "description": "Default: 600."
        }
      }
    }
  }
};

/** The document of schemas/job-view.schema.json. */
export const JOB_VIEW_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/job-view.schema.json",
  "title": "JobView",
  "description": "A job as the service reports it (`jobs.get`, items of `jobs.list`, `jobs.submit`). Its state is the state of its latest run.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "id",
    "name",
    "owner",
    "kind",
    "backend",
    "policy",
    "spec",
    "createdAt",
    "state",
    "attempts",
    "latestRun"
  ],
  "properties": {
    "id": {
      "type": "string"
    },
    "name": {
      "type": "string"
    },
    "owner": {
      "description": "The user who submitted it.",
      "type": "string"
    },
    "kind": {
      "type": "string",
      "enum": [
        "spark-batch",
        "spark-statement",
        "training"
      ]
    },
    "backend": {
      "type": "string",
      "enum": [
        "local",
        "livy",
        "kubernetes"
      ]
    },
    "policy": {
      "type": "string",
      "enum": [
        "FIFO",
        "LAST_ONLY"
      ]
    },
    "spec": {
      "description": "The submitted JobSpec (schemas/job-spec.schema.json) with its name filled in.",
      "type": "object"
    },
    "idempotencyKey": {
      "type": "string"
    },
    "createdAt": {
      "type": "string",
      "format": "date-time"
    },
    "state": {
      "$ref": "#/definitions/JobRunState"
    },
    "attempts": {
      "description": "Number of runs so far.",
      "type": "integer",
      "minimum": 1
    },
    "latestRun": {
      "$ref": "#/definitions/JobRun"
    },
    "runs": {
      "description": "Every run, oldest first (jobs.get only).",
      "type": "array",
      "items": {
        "$ref": "#/definitions/JobRun"
      }
    },
    "backendStatus": {
      "$ref": "#/definitions/BackendRunStatus"
    },
    "events": {
      "description": "Every state change of every run, oldest first (jobs.get only).",
      "type": "array",
      "items": {
        "$ref": "#/definitions/JobEvent"
      }
    }
  },
  "definitions": {
    "JobRunState": {
      "title": "JobRunState",
      "description": "queued -> submitting -> running -> succeeded | failed; cancelling -> cancelled; lost: the backend no longer knows the run and no exit status was recorded.",
      "type": "string",
      "enum": [
        "queued",
        "submitting",
        "running",
        "succeeded",
        "failed",
        "cancelling",
        "cancelled",
        "lost"
      ]
    },
    "JobRun": {
      "title": "JobRun",
      "description": "One attempt of a job.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "jobId",
        "attempt",
        "state",
        "createdAt",
        "updatedAt"
      ],
      "properties": {
        "id": {
          "type": "string"
        },
        "jobId": {
          "type": "string"
        },
        "attempt": {
          "type": "integer",
          "minimum": 1
        },
        "state": {
          "$ref": "#/definitions/JobRunState"
        },
        "createdAt": {
          "type": "string",
          "format": "date-time"
        },
        "updatedAt": {
          "type": "string",
          "format": "date-time"
        },
        "notBefore": {
          "description": "A retry waiting for its backoff does not start before this time.",
          "type": "string",
          "format": "date-time"
        },
        "startedAt": {
          "type": "string",
          "format": "date-time"
        },
        "endedAt": {
          "type": "string",
          "format": "date-time"
        },
        "cancelRequestedAt": {
          "description": "When cancel was asked for; SIGKILL follows after the grace period.",
          "type": "string",
          "format": "date-time"
        },
        "exitCode": {
          "type": "integer"
        },
        "signal": {
          "description": "Signal that ended the program, e.g. SIGTERM.",
          "type": "string"
        },
        "reason": {
          "description": "Why the run ended as it did, for people.",
          "type": "string"
        },
        "handle": {
          "$ref": "#/definitions/JobRunHandle"
        },
        "logFile": {
          "description": "Absolute path of the run's output log.",
          "type": "string"
        }
      }
    },
    "JobRunHandle": {
      "title": "JobRunHandle",
      "description": "How the backend finds the run again after a service restart.",
      "type": "object",
      "required": [
        "backend"
      ],
      "discriminator": {
        "propertyName": "backend"
      },
      "oneOf": [
        {
          "$ref": "#/definitions/LocalRunHandle"
        },
        {
          "$ref": "#/definitions/LivyRunHandle"
        },
        {
          "$ref": "#/definitions/KubernetesRunHandle"
        }
      ]
    },
    "KubernetesRunHandle": {
      "title": "KubernetesRunHandle",
      "description": "The Kubernetes objects of a run: its Jobs (one per role), all labelled featurelab.dev/run-id.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "backend",
        "namespace",
        "jobs"
      ],
      "properties": {
        "backend": {
          "const": "kubernetes"
        },
        "namespace": {
          "type": "string"
        },
        "jobs": {
          "description": "Names of the batch/v1 Jobs, primary (rank 0 or chief) first.",
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        "service": {
          "description": "Headless Service of a distributed run.",
          "type": "string"
        }
      }
    },
    "LivyRunHandle": {
      "title": "LivyRunHandle",
      "description": "A Livy batch (spark-batch) or the interactive session a statement runs in (spark-statement; the statement's id is kept in the run's folder once Livy accepts it). `name` is unique per run, so a submission that was interrupted is found by name instead of being submitted twice.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "backend",
        "url",
        "type",
        "id",
        "name"
      ],
      "properties": {
        "backend": {
          "const": "livy"
        },
        "url": {
          "description": "The Livy server the run was submitted to.",
          "type": "string"
        },
        "type": {
          "type": "string",
          "enum": [
            "batch",
            "session"
          ]
        },
        "id": {
          "description": "Livy's batch or session id.",
          "type": "integer",
          "minimum": 0
        },
        "name": {
          "type": "string"
        }
      }
    },
    "LocalRunHandle": {
      "title": "LocalRunHandle",
      "description": "A local process group: the pid of its leader and that process's start time, so a reused pid is never mistaken for the run.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "backend",
        "pid",
        "startTime"
      ],
      "properties": {
        "backend": {
          "const": "local"
        },
        "pid": {
          "type": "integer",
          "minimum": 1
        },
        "startTime": {
          "description": "Opaque start time of the process as the operating system reports it.",
          "type": "string"
        }
      }
    },
    "BackendRunStatus": {
      "title": "BackendRunStatus",
      "description": "What the backend reports about the latest run while it is active (jobs.get only), e.g. why Kubernetes pods are Pending.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "summary",
        "pods"
      ],
      "properties": {
        "summary": {
          "description": "One line for people, e.g. \"1 pod Pending: 0/2 nodes are available: 2 Insufficient nvidia.com/gpu\".",
          "type": "string"
        },
        "pods": {
          "type": "array",
          "items": {
            "$ref": "#/definitions/BackendPodStatus"
          }
        }
      }
    },
    "BackendPodStatus": {
      "title": "BackendPodStatus",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "role",
        "phase"
      ],
      "properties": {
        "name": {
          "type": "string"
        },
        "role": {
          "description": "master, worker, chief, ps or main.",
          "type": "string"
        },
        "index": {
          "type": "integer",
          "minimum": 0
        },
        "phase": {
          "type": "string"
        },
        "node": {
          "type": "string"
        },
        "reason": {
          "type": "string"
        },
        "message": {
          "type": "string"
        },
        "exitCode": {
          "type": "integer"
        }
      }
    },
    "JobEvent": {
      "title": "JobEvent",
      "description": "One state change of a run.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "runId",
        "at",
        "to"
      ],
      "properties": {
        "runId": {
          "type": "string"
        },
        "at": {
          "type": "string",
          "format": "date-time"
        },
        "from": {
          "$ref": "#/definitions/JobRunState"
        },
        "to": {
          "$ref": "#/definitions/JobRunState"
        },
        "reason": {
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
    },
    "specs": {
      "$ref": "#/definitions/SpecsConfig"
    }
  },
  "definitions": {
    "SpecsConfig": {
      "title": "SpecsConfig",
      "description": "The workspace's feature-as-code folder: where the catalog finds the file and line that declare a registered object.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "folder": {
          "description": "Spec folder, relative to the workspace unless absolute. Default: features.",
          "type": "string",
          "minLength": 1
        }
      }
    },
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
      "description": "A PostgreSQL database shared by a team. The registry keeps its tables in the first schema of the search_path (add ?options=-c%20search_path%3Dname to use another schema) and migrates them itself.",
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
          "description": "Connection URL, e.g. postgresql://featurelab@db.example.com:5432/featurelab. The password may be in the URL, in PGPASSWORD or in ~/.pgpass; health and logs show the URL without it.",
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
      "description": "Spark jobs submitted to Apache Livy: spark-batch jobs as Livy batches, spark-statement jobs as statements in the owner's interactive session. Administrators set this; users cannot change it.",
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
        },
        "requestTimeoutSeconds": {
          "description": "Give up on one Livy request after this long. Default: 10.",
          "type": "number",
          "exclusiveMinimum": 0,
          "maximum": 600
        },
        "maxBackoffSeconds": {
          "description": "While Livy is unreachable, requests wait 1 s, 2 s, 4 s... up to this long between attempts, failing at once in between. Default: 30.",
          "type": "number",
          "minimum": 1,
          "maximum": 3600
        },
        "impersonate": {
          "description": "Send the Jupyter user as Livy's proxyUser (Livy needs livy.impersonation.enabled). Default: true.",
          "type": "boolean"
        },
        "requestedBy": {
          "description": "Value of the X-Requested-By header Livy's CSRF protection requires. Default: featurelab.",
          "type": "string",
          "minLength": 1,
          "maxLength": 200
        },
        "stagingDir": {
          "description": "Folder, as Livy's machine sees it, for the code files of notebook and inline jobs; must be in Livy's livy.file.local-dir-whitelist. Default: the run's folder in the workspace (.featurelab/jobs/<run-id>), for a Livy that shares the service's file system.",
          "type": "string",
          "minLength": 1
        },
        "sessionKind": {
          "description": "Kind of the interactive sessions for spark-statement jobs. Default: pyspark.",
          "type": "string",
          "enum": [
            "pyspark",
            "spark",
            "sql"
          ]
        },
        "heartbeatSeconds": {
          "description": "While a user's interactive session is in use, touch it this often so Livy's session timeout does not end it while the user thinks. Default: 60.",
          "type": "number",
          "minimum": 1,
          "maximum": 86400
        },
        "sessionStartTimeoutSeconds": {
          "description": "An interactive session not idle after this long is reported as failed. Default: 300.",
          "type": "number",
          "minimum": 1,
          "maximum": 86400
        },
        "conf": {
          "description": "Spark configuration every job gets; a job's own spark.conf wins.",
          "type": "object",
          "additionalProperties": {
            "type": "string"
          }
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
        },
        "kubeconfig": {
          "description": "kubeconfig file, relative to the workspace unless absolute. Default: $KUBECONFIG, then ~/.kube/config.",
          "type": "string",
          "minLength": 1
        },
        "inCluster": {
          "description": "Use the service account of the pod the service runs in instead of a kubeconfig.",
          "type": "boolean"
        },
        "images": {
          "description": "Image allow-list: an image must equal an entry, or start with an entry that ends in * (e.g. registry.example.com/ml/*). Default: every image is refused, so an administrator must name the images.",
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          }
        },
        "caps": {
          "$ref": "#/definitions/KubernetesCaps"
        },
        "queue": {
          "description": "Kueue LocalQueue the jobs are submitted to (label kueue.x-k8s.io/queue-name); Kueue then admits them within its quotas.",
          "type": "string",
          "pattern": "^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$"
        },
        "volumes": {
          "description": "Approved persistent volume claims: a job names an entry, never a claim directly.",
          "type": "array",
          "items": {
            "$ref": "#/definitions/KubernetesApprovedVolume"
          }
        },
        "secrets": {
          "description": "Approved secrets: a job names an entry, never a secret directly.",
          "type": "array",
          "items": {
            "$ref": "#/definitions/KubernetesApprovedSecret"
          }
        },
        "gpuResource": {
          "description": "Extended resource name of a GPU. Default: nvidia.com/gpu.",
          "type": "string",
          "minLength": 1
        },
        "gpuTypeLabel": {
          "description": "Node label naming the GPU model (a job's resources.gpuType). Default: nvidia.com/gpu.product.",
          "type": "string",
          "minLength": 1
        },
        "ttlSecondsAfterFinished": {
          "description": "Kubernetes deletes finished Jobs this long after they end. Default: 86400.",
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "KubernetesCaps": {
      "title": "KubernetesCaps",
      "description": "Resource caps per job: `default` for everyone, `users` overrides per user name.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "default": {
          "$ref": "#/definitions/KubernetesResourceCap"
        },
        "users": {
          "type": "object",
          "additionalProperties": {
            "$ref": "#/definitions/KubernetesResourceCap"
          }
        }
      }
    },
    "KubernetesResourceCap": {
      "title": "KubernetesResourceCap",
      "description": "The most one job may ask for, summed over all its pods. A missing field: no cap.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "gpus": {
          "type": "integer",
          "minimum": 0
        },
        "pods": {
          "type": "integer",
          "minimum": 1
        },
        "cpu": {
          "description": "CPU cores, e.g. 64 or 500m.",
          "type": "string",
          "pattern": "^[0-9]+(\\.[0-9]+)?m?$"
        },
        "memory": {
          "description": "Memory, e.g. 512Gi.",
          "type": "string",
          "pattern": "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$"
        }
      }
    },
    "KubernetesApprovedVolume": {
      "title": "KubernetesApprovedVolume",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "claimName"
      ],
      "properties": {
        "name": {
          "description": "Name jobs use.",
          "type": "string",
          "minLength": 1
        },
        "claimName": {
          "description": "PersistentVolumeClaim in the jobs' namespace.",
          "type": "string",
          "minLength": 1
        },
        "readOnly": {
          "description": "Always mount read-only.",
          "type": "boolean"
        }
      }
    },
    "KubernetesApprovedSecret": {
      "title": "KubernetesApprovedSecret",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "secretName"
      ],
      "properties": {
        "name": {
          "description": "Name jobs use.",
          "type": "string",
          "minLength": 1
        },
        "secretName": {
          "description": "Secret in the jobs' namespace (mounted read-only).",
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
      "description": "Training samples: labelled events joined point-in-time with features. Semantics: docs/samples.md.",
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
        },
        "strict": {
          "description": "Use only feature rows strictly before the label's event time (<). Default false: at or before it (<=).",
          "type": "boolean"
        },
        "missing": {
          "$ref": "#/definitions/MissingValuePolicy"
        },
        "output": {
          "$ref": "#/definitions/SampleOutput"
        },
        "validation": {
          "$ref": "#/definitions/ValidationRef"
        }
      }
    },
    "LabelSource": {
      "title": "LabelSource",
      "description": "The labelled events (the spine) the features are joined onto: a table or a Spark SQL query (exactly one), its event time column and its label columns.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "eventTimeColumn",
        "columns"
      ],
      "not": {
        "required": [
          "table",
          "query"
        ]
      },
      "if": {
        "not": {
          "required": [
            "table"
          ]
        }
      },
      "then": {
        "required": [
          "query"
        ]
      },
      "properties": {
        "table": {
          "$ref": "#/definitions/TableName"
        },
        "query": {
          "description": "Spark SQL query returning the label rows, instead of `table`.",
          "type": "string",
          "minLength": 1,
          "maxLength": 100000
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
        },
        "keys": {
          "description": "Label column for each join key of the group's entity that the labels name differently, e.g. {user_id: viewer_id}. Default: the join key's own name.",
          "type": "object",
          "propertyNames": {
            "$ref": "#/definitions/SparkIdentifier"
          },
          "additionalProperties": {
            "$ref": "#/definitions/SparkIdentifier"
          }
        },
        "ttl": {
          "description": "Maximum age of a value at the label's time (label time - event time <= ttl). Default: the feature group's ttl; without either, no limit.",
          "$ref": "#/definitions/Duration"
        },
        "createdTimeColumn": {
          "description": "Column of the group's rows with the time each row was written. Rows written after the label's time are not used (no backfill leakage), and rows with equal event times are ordered by it.",
          "$ref": "#/definitions/SparkIdentifier"
        },
        "missing": {
          "$ref": "#/definitions/MissingValuePolicy"
        }
      }
    },
    "MissingValuePolicy": {
      "title": "MissingValuePolicy",
      "description": "What a label gets when a feature group has no row for it (none with its keys at or before its time, or none within the TTL). On a sample set: the default for all its groups (else keep); on a feature selection: for that group.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "policy"
      ],
      "properties": {
        "policy": {
          "description": "keep: the group's features are null; drop: the label row is left out; default: the features take `defaults` (features without one are null).",
          "enum": [
            "keep",
            "drop",
            "default"
          ]
        },
        "defaults": {
          "description": "Value per feature for policy default: a string, number, boolean or null, cast to the feature's type.",
          "type": "object",
          "propertyNames": {
            "$ref": "#/definitions/SparkIdentifier"
          },
          "additionalProperties": {
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
                "type": "null"
              }
            ]
          }
        }
      }
    },
    "SampleOutput": {
      "title": "SampleOutput",
      "description": "Where a build writes the samples, replacing what was there: a Spark table or a Parquet folder (at most one). Default: <workspace>/.featurelab/samples/<name>/data.",
      "type": "object",
      "additionalProperties": false,
      "not": {
        "required": [
          "table",
          "path"
        ]
      },
      "properties": {
        "table": {
          "$ref": "#/definitions/TableName"
        },
        "path": {
          "description": "Parquet folder; a relative path is relative to the workspace.",
          "type": "string",
          "minLength": 1,
          "maxLength": 4096
        },
        "includeFeatureTimestamps": {
          "description": "Add a column <featureGroup>__event_time with the event time of the feature row chosen for each label. Default false.",
          "type": "boolean"
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

/** The document of schemas/validation-suite.schema.json. */
export const VALIDATION_SUITE_SCHEMA: JsonSchemaDocument = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://featurelab.dev/schemas/validation-suite.schema.json",
  "title": "ValidationSuite",
  "description": "A data validation suite: declarative checks over one table, compiled into the fewest scans and run on Spark or DuckDB (docs/validation.md).",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "apiVersion",
    "kind",
    "name",
    "checks"
  ],
  "properties": {
    "apiVersion": {
      "const": "featurelab/v1"
    },
    "kind": {
      "const": "ValidationSuite"
    },
    "name": {
      "type": "string",
      "minLength": 1,
      "maxLength": 256,
      "pattern": "^[^\\u0000-\\u001f\\u007f]+$",
      "description": "Name of the suite; a FeatureGroup's `validation.suite` refers to it."
    },
    "description": {
      "type": "string",
      "maxLength": 4000
    },
    "featureGroup": {
      "type": "string",
      "minLength": 1,
      "maxLength": 256,
      "description": "The feature group whose table the suite checks."
    },
    "table": {
      "type": "string",
      "minLength": 1,
      "maxLength": 512,
      "description": "Default data: a table name (Spark) when --data is not given."
    },
    "mode": {
      "description": "monitor: record and report; block: a failing blocking check fails the run. Default: block.",
      "enum": [
        "monitor",
        "block"
      ]
    },
    "sampleRows": {
      "description": "Failing rows returned per row-level check (0..1000). Default 10.",
      "type": "integer",
      "minimum": 0,
      "maximum": 1000
    },
    "checks": {
      "type": "array",
      "minItems": 1,
      "maxItems": 2000,
      "items": {
        "$ref": "#/definitions/Check"
      }
    }
  },
  "definitions": {
    "ColumnName": {
      "description": "A top-level column name, written as is (no quoting; dots are part of the name).",
      "type": "string",
      "minLength": 1,
      "maxLength": 1024
    },
    "SqlPredicate": {
      "description": "A Spark SQL boolean expression over the table's columns (one expression: no `;`, no comments).",
      "type": "string",
      "minLength": 1,
      "maxLength": 65536
    },
    "Duration": {
      "description": "A duration: a number and a unit s, m, h or d (90m, 12h, 7d).",
      "type": "string",
      "pattern": "^[1-9][0-9]{0,8}[smhd]$"
    },
    "Check": {
      "title": "ValidationCheck",
      "type": "object",
      "required": [
        "type"
      ],
      "discriminator": {
        "propertyName": "type"
      },
      "oneOf": [
        {
          "$ref": "#/definitions/RowCountCheck"
        },
        {
          "$ref": "#/definitions/CompletenessCheck"
        },
        {
          "$ref": "#/definitions/UniquenessCheck"
        },
        {
          "$ref": "#/definitions/DistinctnessCheck"
        },
        {
          "$ref": "#/definitions/PrimaryKeyCheck"
        },
        {
          "$ref": "#/definitions/ValueRangeCheck"
        },
        {
          "$ref": "#/definitions/AllowedSetCheck"
        },
        {
          "$ref": "#/definitions/PatternCheck"
        },
        {
          "$ref": "#/definitions/LengthCheck"
        },
        {
          "$ref": "#/definitions/TypeConformanceCheck"
        },
        {
          "$ref": "#/definitions/FreshnessCheck"
        },
        {
          "$ref": "#/definitions/ReferentialIntegrityCheck"
        },
        {
          "$ref": "#/definitions/CustomSqlCheck"
        },
        {
          "$ref": "#/definitions/StatisticCheck"
        },
        {
          "$ref": "#/definitions/ArrayLengthCheck"
        },
        {
          "$ref": "#/definitions/ArrayEmptyCheck"
        },
        {
          "$ref": "#/definitions/ArrayElementCompletenessCheck"
        },
        {
          "$ref": "#/definitions/ArrayElementRangeCheck"
        },
        {
          "$ref": "#/definitions/MapKeyPresenceCheck"
        },
        {
          "$ref": "#/definitions/MapValuesCheck"
        },
        {
          "$ref": "#/definitions/EmbeddingDimensionCheck"
        },
        {
          "$ref": "#/definitions/EmbeddingNonFiniteCheck"
        },
        {
          "$ref": "#/definitions/EmbeddingNormCheck"
        }
      ]
    },
    "RowCountCheck": {
      "title": "RowCountCheck",
      "description": "Number of rows (after `where`) between min and max.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type"
      ],
      "properties": {
        "type": {
          "const": "rowCount"
        },
        "min": {
          "type": "integer",
          "minimum": 0
        },
        "max": {
          "type": "integer",
          "minimum": 0
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "CompletenessCheck": {
      "title": "CompletenessCheck",
      "description": "Share of rows where the column is not null.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column"
      ],
      "properties": {
        "type": {
          "const": "completeness"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "min": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share. Default 1."
        },
        "max": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Largest passing share."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "UniquenessCheck": {
      "title": "UniquenessCheck",
      "description": "Share of rows (with a non-null key) whose key value occurs exactly once.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "columns"
      ],
      "properties": {
        "type": {
          "const": "uniqueness"
        },
        "columns": {
          "type": "array",
          "minItems": 1,
          "maxItems": 32,
          "items": {
            "$ref": "#/definitions/ColumnName"
          },
          "description": "Columns forming the key, in order."
        },
        "min": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share. Default 1."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "DistinctnessCheck": {
      "title": "DistinctnessCheck",
      "description": "Distinct key values divided by rows with a non-null key.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "columns"
      ],
      "properties": {
        "type": {
          "const": "distinctness"
        },
        "columns": {
          "type": "array",
          "minItems": 1,
          "maxItems": 32,
          "items": {
            "$ref": "#/definitions/ColumnName"
          },
          "description": "Columns forming the key, in order."
        },
        "min": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing value."
        },
        "max": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Largest passing value."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "PrimaryKeyCheck": {
      "title": "PrimaryKeyCheck",
      "description": "No row has a null in a key column, and no key value occurs twice. The metric is the number of violating rows; it must be 0.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "columns"
      ],
      "properties": {
        "type": {
          "const": "primaryKey"
        },
        "columns": {
          "type": "array",
          "minItems": 1,
          "maxItems": 32,
          "items": {
            "$ref": "#/definitions/ColumnName"
          },
          "description": "Columns forming the key, in order."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "ValueRangeCheck": {
      "title": "ValueRangeCheck",
      "description": "Share of non-null values within [min, max] (NaN is outside every range).",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column"
      ],
      "properties": {
        "type": {
          "const": "valueRange"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "min": {
          "type": "number",
          "description": "Inclusive lower bound."
        },
        "max": {
          "type": "number",
          "description": "Inclusive upper bound."
        },
        "minRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all)."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "AllowedSetCheck": {
      "title": "AllowedSetCheck",
      "description": "Share of non-null values that are in the allowed set.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column",
        "values"
      ],
      "properties": {
        "type": {
          "const": "allowedSet"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "values": {
          "type": "array",
          "minItems": 1,
          "maxItems": 10000,
          "items": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "number"
              },
              {
                "type": "boolean"
              }
            ]
          }
        },
        "minRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all)."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "PatternCheck": {
      "title": "PatternCheck",
      "description": "Share of non-null strings that contain a match of the regular expression (Java syntax on Spark, RE2 on DuckDB: keep to their common subset).",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column",
        "regex"
      ],
      "properties": {
        "type": {
          "const": "pattern"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "regex": {
          "type": "string",
          "minLength": 1,
          "maxLength": 4096
        },
        "minRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all)."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "LengthCheck": {
      "title": "LengthCheck",
      "description": "Share of non-null strings whose length in characters is within [min, max].",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column"
      ],
      "properties": {
        "type": {
          "const": "length"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "min": {
          "type": "integer",
          "minimum": 0
        },
        "max": {
          "type": "integer",
          "minimum": 0
        },
        "minRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all)."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "TypeConformanceCheck": {
      "title": "TypeConformanceCheck",
      "description": "The column has the expected Spark type; for a string column holding another type's values, the share of non-null values that cast to it.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column",
        "expected"
      ],
      "properties": {
        "type": {
          "const": "typeConformance"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "expected": {
          "type": "string",
          "minLength": 1,
          "maxLength": 256,
          "description": "A Spark type: bigint, double, decimal(12,2), date, timestamp, boolean..."
        },
        "minRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all)."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "FreshnessCheck": {
      "title": "FreshnessCheck",
      "description": "Lag between the newest event time in the column and the time of the check.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column",
        "maxLag"
      ],
      "properties": {
        "type": {
          "const": "freshness"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "maxLag": {
          "$ref": "#/definitions/Duration"
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "ReferentialIntegrityCheck": {
      "title": "ReferentialIntegrityCheck",
      "description": "Share of rows with a non-null key whose key exists in the reference table.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "columns",
        "reference"
      ],
      "properties": {
        "type": {
          "const": "referentialIntegrity"
        },
        "columns": {
          "type": "array",
          "minItems": 1,
          "maxItems": 32,
          "items": {
            "$ref": "#/definitions/ColumnName"
          },
          "description": "Columns forming the key, in order."
        },
        "reference": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "columns"
          ],
          "properties": {
            "table": {
              "type": "string",
              "minLength": 1,
              "maxLength": 512,
              "description": "A table name (Spark), database.table."
            },
            "data": {
              "type": "string",
              "minLength": 1,
              "maxLength": 4096,
              "description": "A Parquet file or folder, relative to the suite file."
            },
            "columns": {
              "type": "array",
              "minItems": 1,
              "maxItems": 32,
              "items": {
                "$ref": "#/definitions/ColumnName"
              },
              "description": "Columns forming the key, in order."
            }
          }
        },
        "minRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all)."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "CustomSqlCheck": {
      "title": "CustomSqlCheck",
      "description": "Share of rows satisfying a Spark SQL predicate.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "predicate"
      ],
      "properties": {
        "type": {
          "const": "customSql"
        },
        "predicate": {
          "$ref": "#/definitions/SqlPredicate"
        },
        "minRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all)."
        },
        "maxRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Largest passing share."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "StatisticCheck": {
      "title": "StatisticCheck",
      "description": "A statistic of the non-null values between min and max. Quantiles are approximate (relative rank error 1e-4 on Spark).",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column",
        "statistic"
      ],
      "properties": {
        "type": {
          "const": "statistic"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "statistic": {
          "enum": [
            "mean",
            "stddev",
            "min",
            "max",
            "sum",
            "quantile"
          ]
        },
        "quantile": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "For statistic quantile: which one, 0..1."
        },
        "min": {
          "type": "number",
          "description": "Inclusive lower bound."
        },
        "max": {
          "type": "number",
          "description": "Inclusive upper bound."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "ArrayLengthCheck": {
      "title": "ArrayLengthCheck",
      "description": "Share of non-null arrays whose length is within [min, max]; also reports the mean length.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column"
      ],
      "properties": {
        "type": {
          "const": "arrayLength"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "min": {
          "type": "integer",
          "minimum": 0
        },
        "max": {
          "type": "integer",
          "minimum": 0
        },
        "minRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all)."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "ArrayEmptyCheck": {
      "title": "ArrayEmptyCheck",
      "description": "Share of non-null arrays that are empty, at most maxRatio.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column"
      ],
      "properties": {
        "type": {
          "const": "arrayEmpty"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "maxRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Largest passing share. Default 0."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "ArrayElementCompletenessCheck": {
      "title": "ArrayElementCompletenessCheck",
      "description": "Share of array elements (over all non-null arrays) that are not null.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column"
      ],
      "properties": {
        "type": {
          "const": "arrayElementCompleteness"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "min": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share. Default 1."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "ArrayElementRangeCheck": {
      "title": "ArrayElementRangeCheck",
      "description": "Share of non-null array elements within [min, max].",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column"
      ],
      "properties": {
        "type": {
          "const": "arrayElementRange"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "min": {
          "type": "number",
          "description": "Inclusive lower bound."
        },
        "max": {
          "type": "number",
          "description": "Inclusive upper bound."
        },
        "minRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all)."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "MapKeyPresenceCheck": {
      "title": "MapKeyPresenceCheck",
      "description": "Share of non-null maps that contain every listed key.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column",
        "keys"
      ],
      "properties": {
        "type": {
          "const": "mapKeyPresence"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "keys": {
          "type": "array",
          "minItems": 1,
          "maxItems": 100,
          "items": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "number"
              }
            ]
          }
        },
        "minRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all)."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "MapValuesCheck": {
      "title": "MapValuesCheck",
      "description": "Share of map values (the value at `key`, or every value) within [min, max] and/or in `allowed`.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column"
      ],
      "properties": {
        "type": {
          "const": "mapValues"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "key": {
          "anyOf": [
            {
              "type": "string"
            },
            {
              "type": "number"
            }
          ]
        },
        "min": {
          "type": "number",
          "description": "Inclusive lower bound."
        },
        "max": {
          "type": "number",
          "description": "Inclusive upper bound."
        },
        "allowed": {
          "type": "array",
          "minItems": 1,
          "maxItems": 10000,
          "items": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "number"
              },
              {
                "type": "boolean"
              }
            ]
          }
        },
        "minRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all)."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "EmbeddingDimensionCheck": {
      "title": "EmbeddingDimensionCheck",
      "description": "Share of non-null vectors with exactly `dimension` elements.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column",
        "dimension"
      ],
      "properties": {
        "type": {
          "const": "embeddingDimension"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "dimension": {
          "type": "integer",
          "minimum": 1,
          "maximum": 1000000
        },
        "minRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all)."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "EmbeddingNonFiniteCheck": {
      "title": "EmbeddingNonFiniteCheck",
      "description": "Share of non-null vectors holding a NaN or an infinity, at most maxRatio.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column"
      ],
      "properties": {
        "type": {
          "const": "embeddingNonFinite"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "maxRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Largest passing share. Default 0."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
        }
      }
    },
    "EmbeddingNormCheck": {
      "title": "EmbeddingNormCheck",
      "description": "Share of non-null vectors whose L2 norm is within [min, max]; also reports the mean norm.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "column"
      ],
      "properties": {
        "type": {
          "const": "embeddingNorm"
        },
        "column": {
          "$ref": "#/definitions/ColumnName"
        },
        "min": {
          "type": "number",
          "minimum": 0
        },
        "max": {
          "type": "number",
          "minimum": 0
        },
        "minRatio": {
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "description": "Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all)."
        },
        "id": {
          "description": "A name for the check, unique in the suite; default: its position and type.",
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 2000
        },
        "severity": {
          "description": "block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.",
          "enum": [
            "warn",
            "block"
          ]
        },
        "where": {
          "$ref": "#/definitions/SqlPredicate",
          "description": "Only rows satisfying this Spark SQL predicate are checked (conditional check)."
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
