{{- define "wsfleet-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "wsfleet-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "wsfleet-operator.labels" -}}
{{ include "wsfleet-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "wsfleet-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "wsfleet-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* What the operator does to WebSocketClusters and the objects it makes for them: nothing more. */}}
{{- define "wsfleet-operator.rules" -}}
# Exactly the requests the operator makes (RbacIT records them at the API server and compares): informers
# list and watch, dependents are created, replaced (update) and deleted where a switch removes them.
- apiGroups: ["wsfleet.io"]
  resources: ["websocketclusters"]
  verbs: ["list", "watch"]
- apiGroups: ["wsfleet.io"]
  resources: ["websocketclusters/status"]
  verbs: ["patch"]
# not a request: owner references with blockOwnerDeletion need it where OwnerReferencesPermissionEnforcement is on
- apiGroups: ["wsfleet.io"]
  resources: ["websocketclusters/finalizers"]
  verbs: ["update"]
# the gateway ConfigMap always exists, so it is never deleted
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["list", "watch", "create", "update"]
# the Redis Services go when Redis turns external (the headless one when Sentinel mode ends)
- apiGroups: [""]
  resources: ["services"]
  verbs: ["list", "watch", "create", "update", "delete"]
# the generated Redis password, read by name and created once: Secrets are never listed, watched, changed or deleted
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "create"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["list", "watch", "create", "update"]
# the Redis StatefulSet goes when Redis turns external, and is replaced (deleted, created anew) when its
# storage or governing Service changes, which the API server refuses to update
- apiGroups: ["apps"]
  resources: ["statefulsets"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["list", "watch", "create", "update", "delete"]
# the Redis PodDisruptionBudget goes when Redis turns external
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["list", "watch", "create", "update", "delete"]
# no informer (the CRDs may be absent): read by name at each reconciliation
- apiGroups: ["monitoring.coreos.com"]
  resources: ["servicemonitors"]
  verbs: ["get", "create", "update", "delete"]
- apiGroups: ["keda.sh"]
  resources: ["scaledobjects"]
  verbs: ["get", "create", "update", "delete"]
{{- end -}}
