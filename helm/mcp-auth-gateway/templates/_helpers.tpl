{{/*
Names and labels (the usual Helm conventions).
*/}}
{{- define "mcp-auth-gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "mcp-auth-gateway.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "mcp-auth-gateway.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "mcp-auth-gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mcp-auth-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "mcp-auth-gateway.labels" -}}
helm.sh/chart: {{ include "mcp-auth-gateway.chart" . }}
{{ include "mcp-auth-gateway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "mcp-auth-gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "mcp-auth-gateway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "mcp-auth-gateway.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
Where the ConfigMap is mounted: a directory, never a subPath (a subPath mount never sees ConfigMap updates). The
kubelet updates it by writing a new timestamped directory and swapping the ..data symlink; the gateway watches the
directory and reloads.
*/}}
{{- define "mcp-auth-gateway.routesDir" -}}
/etc/mcp-auth-gateway
{{- end }}

{{- define "mcp-auth-gateway.routesFile" -}}
{{ include "mcp-auth-gateway.routesDir" . }}/routes.yaml
{{- end }}

{{/*
"true" when the replicas share a Redis.
*/}}
{{- define "mcp-auth-gateway.sharedStore" -}}
{{- if or .Values.redis.url .Values.redis.existingSecret }}true{{ end }}
{{- end }}

{{/*
"true" when more than one pod may run at once.
*/}}
{{- define "mcp-auth-gateway.severalReplicas" -}}
{{- if .Values.autoscaling.enabled }}
{{- if gt (int .Values.autoscaling.maxReplicas) 1 }}true{{ end }}
{{- else if gt (int .Values.replicaCount) 1 }}true{{ end }}
{{- end }}

{{- define "mcp-auth-gateway.redisSecretName" -}}
{{- if .Values.redis.existingSecret }}
{{- .Values.redis.existingSecret }}
{{- else }}
{{- printf "%s-redis" (include "mcp-auth-gateway.fullname" .) }}
{{- end }}
{{- end }}

{{- define "mcp-auth-gateway.redisSecretKey" -}}
{{- if .Values.redis.existingSecret }}{{ .Values.redis.existingSecretKey }}{{ else }}redis-url{{ end }}
{{- end }}

{{- define "mcp-auth-gateway.envSecretName" -}}
{{- printf "%s-env" (include "mcp-auth-gateway.fullname" .) }}
{{- end }}

{{/*
The text of routes.yaml. From `routes`, the shared stores point at ${REDIS_URL} (the variable the chart sets from
redis.*) unless the keys are set already: the gateway resolves ${NAME} placeholders from its environment when it
loads the file.
*/}}
{{- define "mcp-auth-gateway.routesYaml" -}}
{{- if .Values.routesYaml }}
{{- .Values.routesYaml }}
{{- else }}
{{- $routes := deepCopy .Values.routes }}
{{- if and (include "mcp-auth-gateway.sharedStore" .) .Values.redis.wireStores }}
{{- $gateway := dict }}
{{- if hasKey $routes "gateway" }}{{ $gateway = get $routes "gateway" }}{{ end }}
{{- if not (hasKey $gateway "rate-limit-store") }}{{ $_ := set $gateway "rate-limit-store" "${REDIS_URL}" }}{{ end }}
{{- if not (hasKey $gateway "session-store") }}{{ $_ := set $gateway "session-store" "${REDIS_URL}" }}{{ end }}
{{- $_ := set $routes "gateway" $gateway }}
{{- end }}
{{- toYaml $routes }}
{{- end }}
{{- end }}

{{/*
The value routes.yaml gives a store key ("memory" when absent): from `routes`, or read from the routesYaml text.
*/}}
{{- define "mcp-auth-gateway.storeSetting" -}}
{{- $key := .key }}
{{- $root := .root }}
{{- if $root.Values.routesYaml }}
{{- $line := regexFind (printf "(?m)^[ \t]+%s:[ \t]*[^ \t#\n]+" $key) $root.Values.routesYaml }}
{{- if $line }}{{ regexReplaceAll (printf "^[ \t]+%s:[ \t]*" $key) $line "" | trimAll "\"'" }}{{ else }}memory{{ end }}
{{- else }}
{{- $routes := fromYaml (include "mcp-auth-gateway.routesYaml" $root) }}
{{- $gateway := get $routes "gateway" | default dict }}
{{- if hasKey $gateway $key }}{{ get $gateway $key }}{{ else }}memory{{ end }}
{{- end }}
{{- end }}

{{/*
Rendering fails on settings that cannot work, with a message that says what to set.
*/}}
{{- define "mcp-auth-gateway.validate" -}}
{{- $replicas := ternary (printf "autoscaling up to %v replicas" .Values.autoscaling.maxReplicas) (printf "replicaCount=%v" .Values.replicaCount) .Values.autoscaling.enabled }}
{{- if include "mcp-auth-gateway.severalReplicas" . }}
{{- if not (include "mcp-auth-gateway.sharedStore" .) }}
{{- fail (printf "\n\nmcp-auth-gateway: %s needs a shared store, and none is set.\nEach pod keeps rate-limit buckets and MCP session bindings in its own memory unless they live in Redis: with several pods every pod would enforce its own limit (so tenants get a multiple of their rate), and a session created through one pod would be unknown to the others (its requests get 404 there).\nSet redis.url (e.g. --set redis.url=redis://redis-master:6379) or redis.existingSecret (a Secret with the URL under redis.existingSecretKey, default redis-url); or run one pod: replicaCount=1 and autoscaling.enabled=false.\n" $replicas) }}
{{- end }}
{{- range $key := list "rate-limit-store" "session-store" }}
{{- $setting := include "mcp-auth-gateway.storeSetting" (dict "root" $ "key" $key) }}
{{- if eq $setting "memory" }}
{{- fail (printf "\n\nmcp-auth-gateway: %s shares a Redis, but routes.yaml keeps gateway.%s in memory, so each pod would still have its own.\nRemove gateway.%s from routes (the chart then sets it to ${REDIS_URL}), or set it to \"${REDIS_URL}\" in routesYaml.\n" $replicas $key $key) }}
{{- end }}
{{- end }}
{{- end }}
{{- if and .Values.redis.url .Values.redis.existingSecret }}
{{- fail "\n\nmcp-auth-gateway: set redis.url or redis.existingSecret, not both.\n" }}
{{- end }}
{{- $drain := add (int .Values.shutdown.gracePeriodSeconds) 5 }}
{{- if lt (int .Values.shutdown.timeoutPerShutdownPhaseSeconds) $drain }}
{{- fail (printf "\n\nmcp-auth-gateway: shutdown.timeoutPerShutdownPhaseSeconds (%v) must be at least shutdown.gracePeriodSeconds + 5 (%v): Spring would cut the drain of calls in flight short.\n" .Values.shutdown.timeoutPerShutdownPhaseSeconds $drain) }}
{{- end }}
{{- end }}

{{/*
terminationGracePeriodSeconds, computed so that it always covers the gateway's shutdown (resilience.GracefulDrain):
the preStop sleep, then after SIGTERM the drain of calls in flight (gracePeriodSeconds) and of streams (5 s), then
the web server's graceful shutdown (at most one phase timeout), and 5 s for the JVM to exit.
*/}}
{{- define "mcp-auth-gateway.terminationGracePeriodSeconds" -}}
{{- add (int .Values.shutdown.preStopSleepSeconds) (int .Values.shutdown.gracePeriodSeconds) 5 (int .Values.shutdown.timeoutPerShutdownPhaseSeconds) 5 }}
{{- end }}

{{/*
JAVA_TOOL_OPTIONS: container-aware heap, exit on OutOfMemoryError (Kubernetes restarts the pod; a JVM that limps on
after an OOM serves errors), and G1 stated explicitly (below 2 CPUs or 1792 MB JVM ergonomics would pick Serial GC).
Keep in step with the Dockerfile, whose AOT cache is trained with the same flags.
*/}}
{{- define "mcp-auth-gateway.javaToolOptions" -}}
{{- $options := list (printf "-XX:MaxRAMPercentage=%v" .Values.jvm.maxRamPercentage) "-XX:+ExitOnOutOfMemoryError" "-XX:+UseG1GC" }}
{{- if .Values.jvm.extraOptions }}{{ $options = append $options .Values.jvm.extraOptions }}{{ end }}
{{- join " " $options }}
{{- end }}

{{/*
ingress-nginx settings for MCP streams: no response buffering (events reach the client one by one), no request
buffering (a POST is forwarded as it arrives), HTTP/1.1 to the pods, read/send timeouts long enough for idle SSE
streams, and bodies up to the gateway's default max-request-bytes (4 MiB; nginx's own default is 1 MiB).
ingress.annotations win over these.
*/}}
{{- define "mcp-auth-gateway.ingressAnnotations" -}}
{{- $annotations := dict }}
{{- if .Values.ingress.nginxStreamingAnnotations }}
{{- $timeout := printf "%v" (int .Values.ingress.streamTimeoutSeconds) }}
{{- $annotations = dict "nginx.ingress.kubernetes.io/proxy-buffering" "off" "nginx.ingress.kubernetes.io/proxy-request-buffering" "off" "nginx.ingress.kubernetes.io/proxy-http-version" "1.1" "nginx.ingress.kubernetes.io/proxy-read-timeout" $timeout "nginx.ingress.kubernetes.io/proxy-send-timeout" $timeout "nginx.ingress.kubernetes.io/proxy-body-size" "4m" }}
{{- end }}
{{- $annotations = merge (deepCopy .Values.ingress.annotations) $annotations }}
{{- if $annotations }}
{{- toYaml $annotations }}
{{- end }}
{{- end }}
