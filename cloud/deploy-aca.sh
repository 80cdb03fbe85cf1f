#!/usr/bin/env bash
# Deploys the cloud roles Billing, Shipping and Raffle to Azure Container Apps with the az CLI (F31):
# resource group, Log Analytics workspace and Container Apps environment, a Service Bus Standard
# namespace with the endpoint and platform queues, the events topic and a subscription per endpoint,
# and one container app per role that KEDA scales on its queue (azure-servicebus, 25 messages per
# replica), min 0 / max 5 replicas unless told otherwise. The connection string is read from the
# namespace and handed to the apps as a Container Apps secret; it is never printed.
#
# Idempotent: every resource is looked up (az ... show) before it is created; an existing app gets its
# secret, image, replicas and scale rule updated. --dry-run prints every command it would run (the
# secret masked) and runs none; a dry run cannot look anything up, so it prints both branches.
#
# Flags of the scale rule: https://learn.microsoft.com/azure/container-apps/scale-app (the Azure
# Service Bus example of az containerapp create: --secrets, --scale-rule-name, --scale-rule-type
# azure-servicebus, --scale-rule-metadata queueName/namespace/messageCount, --scale-rule-auth
# connection=<secret>); `az containerapp update` takes the same scale arguments (azure-cli,
# command_modules/containerapp/_params.py, argument group "Scale").
set -euo pipefail

usage() {
  local line  # builtins only: the dry-run test runs this script with an empty PATH
  while IFS= read -r line; do echo "$line" >&2; done <<'EOF'
usage: cloud/deploy-aca.sh --namespace NAME --registry HOST [options]
  --namespace NAME        Service Bus namespace (globally unique, 6-50 letters, digits, hyphens)
  --registry HOST         registry holding the images, e.g. myacr.azurecr.io (see build-images.sh)
  --resource-group NAME   default edgebus-booth
  --location NAME         default westeurope
  --environment NAME      Container Apps environment, default edgebus-env
  --workspace NAME        Log Analytics workspace, default <environment>-logs
  --image-tag TAG         default latest
  --min N --max N         replicas per app, default 0 and 5
  --pin ROLE              keep ROLE (billing, shipping, raffle) at least at 1 replica; repeatable
  --cpu CORES --memory SIZE   per replica, default 0.5 and 1.0Gi
  --dry-run               print the commands, run none
EOF
  exit 2
}
bad() { echo "deploy-aca.sh: $*" >&2; usage; }

resource_group=edgebus-booth
location=westeurope
namespace=""
environment=edgebus-env
workspace=""
registry=""
image_tag=latest
min=0
max=5
pins=" "
cpu=0.5
memory=1.0Gi
dry_run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --resource-group|--location|--namespace|--environment|--workspace|--registry|--image-tag|--min|--max|--pin|--cpu|--memory)
      [ $# -ge 2 ] || bad "$1 needs a value"
      case "$1" in
        --resource-group) resource_group=$2 ;;
        --location) location=$2 ;;
        --namespace) namespace=$2 ;;
        --environment) environment=$2 ;;
        --workspace) workspace=$2 ;;
        --registry) registry=${2%/} ;;
        --image-tag) image_tag=$2 ;;
        --min) min=$2 ;;
        --max) max=$2 ;;
        --pin) pins+="$2 " ;;
        --cpu) cpu=$2 ;;
        --memory) memory=$2 ;;
      esac
      shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage ;;
    *) bad "unknown argument: $1" ;;
  esac
done
workspace=${workspace:-$environment-logs}

# Azure's naming rules, checked before anything runs.
[ -n "$namespace" ] || bad "--namespace is required"
[ -n "$registry" ] || bad "--registry is required"
[[ "$namespace" =~ ^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]$ ]] || bad "bad --namespace: $namespace"
[[ "$registry" =~ ^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._/-]+)?$ ]] || bad "bad --registry: $registry"
[[ "$resource_group" =~ ^[-A-Za-z0-9._()]{0,89}[-A-Za-z0-9_()]$ ]] || bad "bad --resource-group: $resource_group"
[[ "$location" =~ ^[a-z0-9]+$ ]] || bad "bad --location: $location"
[[ "$environment" =~ ^[a-z][a-z0-9-]{0,58}[a-z0-9]$ ]] || bad "bad --environment: $environment"
[[ "$workspace" =~ ^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$ ]] || bad "bad --workspace: $workspace"
[[ "$image_tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || bad "bad --image-tag: $image_tag"
[[ "$min" =~ ^[0-9]{1,4}$ && "$max" =~ ^[0-9]{1,4}$ ]] || bad "--min and --max must be numbers"
if [ "$max" -lt 1 ] || [ "$max" -gt 1000 ]; then bad "--max must be 1..1000 (was $max)"; fi
[ "$min" -le "$max" ] || bad "--min ($min) must not exceed --max ($max)"
[[ "$cpu" =~ ^[0-9]+(\.[0-9]+)?$ ]] || bad "bad --cpu: $cpu"
[[ "$memory" =~ ^[0-9]+(\.[0-9]+)?Gi$ ]] || bad "bad --memory: $memory"
for pin in $pins; do
  case "$pin" in billing|shipping|raffle) ;; *) bad "--pin takes billing, shipping or raffle (was $pin)" ;; esac
done

# The endpoints: role, queue (= endpoint name), the event types it subscribes to (its handlers in
# bundles/io.edgebus.booth.*). The subscription rules are the ones the transport creates for these
# types, made here too so that an app scaled to zero before its first start still receives events.
# (Functions rather than associative arrays: macOS still ships bash 3.2.)
roles=(billing shipping raffle)
queue_of() {
  case "$1" in billing) echo Billing ;; shipping) echo Shipping ;; raffle) echo Raffle ;; esac
}
events_of() {
  case "$1" in
    billing) echo io.edgebus.booth.contracts.OrderPlaced ;;
    shipping) echo io.edgebus.booth.contracts.OrderPlaced io.edgebus.booth.contracts.OrderBilled ;;
    raffle) echo io.edgebus.booth.contracts.RaffleOrderCompleted ;;
  esac
}
min_of() { # pinned roles keep at least one replica
  if [[ "$pins" == *" $1 "* && "$min" -lt 1 ]]; then echo 1; else echo "$min"; fi
}
platform_queues=(error audit Particular.ServiceControl Particular.Monitoring)
topic=bundle-1
sas_rule=edgebus
secret_name=servicebus-connection
messages_per_replica=25

secrets=()
# One line per command, quoted so that it can be pasted into a shell, every secret replaced by ***.
show() {
  local out="" arg secret
  for arg in "$@"; do
    for secret in ${secrets[@]+"${secrets[@]}"}; do arg=${arg//"$secret"/***}; done
    if [[ "$arg" =~ ^[A-Za-z0-9_./:=@%+,*-]+$ ]]; then out+=" $arg"; else out+=" '${arg//\'/\'\\\'\'}'"; fi
  done
  echo "${out# }"
}
run() {
  if $dry_run; then echo "would run: $(show "$@")"; else echo "+ $(show "$@")"; "$@"; fi
}
# read_into VAR PLACEHOLDER CMD...: VAR = the command's output (a dry run takes the placeholder).
read_into() {
  local var=$1 placeholder=$2; shift 2
  if $dry_run; then echo "would read: $(show "$@")"; printf -v "$var" '%s' "$placeholder"; return; fi
  echo "+ $(show "$@")"
  printf -v "$var" '%s' "$("$@")"
  [ -n "${!var}" ] || { echo "deploy-aca.sh: no value from: $(show "$@")" >&2; exit 1; }
}
# check CMD...: does the resource exist? A dry run cannot know: found=unknown, and run_if prints both
# branches, "if missing" and "if present".
found=unknown
check() {
  if $dry_run; then echo "would check: $(show "$@")"; found=unknown; return; fi
  if "$@" >/dev/null 2>&1; then found=yes; else found=no; fi
}
run_if() {
  local branch=$1; shift
  case "$branch/$found" in missing/yes|present/no) return ;; esac
  if $dry_run; then echo "  if $branch, would run: $(show "$@")"; else run "$@"; fi
}
read_if() {
  local branch=$1 var=$2 placeholder=$3; shift 3
  case "$branch/$found" in missing/yes|present/no) return ;; esac
  if $dry_run; then echo "  if $branch, would read: $(show "$@")"; printf -v "$var" '%s' "$placeholder"
  else read_into "$var" "$placeholder" "$@"; fi
}

rg=(--resource-group "$resource_group")
sb=("${rg[@]}" --namespace-name "$namespace")

if ! $dry_run && ! command -v az >/dev/null 2>&1; then
  echo "deploy-aca.sh: the Azure CLI (az) is not installed: https://learn.microsoft.com/cli/azure/install-azure-cli" >&2
  exit 1
fi
check az account show
[ "$found" != no ] || { echo "deploy-aca.sh: not logged in to Azure: run az login" >&2; exit 1; }
for provider in Microsoft.App Microsoft.OperationalInsights Microsoft.ServiceBus; do
  run az provider register --namespace "$provider" --wait --output none
done

check az group show --name "$resource_group"
run_if missing az group create --name "$resource_group" --location "$location" --output none

check az monitor log-analytics workspace show "${rg[@]}" --workspace-name "$workspace"
run_if missing az monitor log-analytics workspace create "${rg[@]}" --workspace-name "$workspace" --location "$location" --output none

check az containerapp env show "${rg[@]}" --name "$environment"
workspace_id="" workspace_key=""
read_if missing workspace_id "<customerId of $workspace>" \
  az monitor log-analytics workspace show "${rg[@]}" --workspace-name "$workspace" --query customerId --output tsv
read_if missing workspace_key "dry-run-workspace-key" \
  az monitor log-analytics workspace get-shared-keys "${rg[@]}" --workspace-name "$workspace" --query primarySharedKey --output tsv
[ -z "$workspace_key" ] || secrets+=("$workspace_key")
run_if missing az containerapp env create "${rg[@]}" --name "$environment" --location "$location" \
  --logs-destination log-analytics --logs-workspace-id "$workspace_id" --logs-workspace-key "$workspace_key" --output none

check az servicebus namespace show "${rg[@]}" --name "$namespace"
run_if missing az servicebus namespace create "${rg[@]}" --name "$namespace" --location "$location" --sku Standard --output none

# Manage: the transport creates its topology itself (and KEDA reads queue lengths); Send, Listen: messaging.
check az servicebus namespace authorization-rule show "${sb[@]}" --name "$sas_rule"
run_if missing az servicebus namespace authorization-rule create "${sb[@]}" --name "$sas_rule" --rights Manage Send Listen --output none

# As the transport creates them: a 5-minute peek-lock, and no dead-lettering by Service Bus (the
# transport counts deliveries and moves a failing message to the error queue itself).
entity=(--lock-duration PT5M --max-delivery-count 2147483647 --enable-batched-operations true)
for queue in "$(queue_of billing)" "$(queue_of shipping)" "$(queue_of raffle)" "${platform_queues[@]}"; do
  check az servicebus queue show "${sb[@]}" --name "$queue"
  run_if missing az servicebus queue create "${sb[@]}" --name "$queue" "${entity[@]}" --output none
done

check az servicebus topic show "${sb[@]}" --name "$topic"
run_if missing az servicebus topic create "${sb[@]}" --name "$topic" --enable-batched-operations true --output none
for role in "${roles[@]}"; do
  queue=$(queue_of "$role")
  subscription=(--topic-name "$topic" --subscription-name "$queue")
  check az servicebus topic subscription show "${sb[@]}" --topic-name "$topic" --name "$queue"
  run_if missing az servicebus topic subscription create "${sb[@]}" --topic-name "$topic" --name "$queue" \
    --forward-to "$queue" "${entity[@]}" --output none
  # A new subscription selects everything through its $Default rule; the endpoint wants its types only.
  # shellcheck disable=SC2016 # the rule's name is literally $Default
  check az servicebus topic subscription rule show "${sb[@]}" "${subscription[@]}" --name '$Default'
  # shellcheck disable=SC2016
  run_if present az servicebus topic subscription rule delete "${sb[@]}" "${subscription[@]}" --name '$Default' --output none
  for type in $(events_of "$role"); do
    check az servicebus topic subscription rule show "${sb[@]}" "${subscription[@]}" --name "$type"
    run_if missing az servicebus topic subscription rule create "${sb[@]}" "${subscription[@]}" --name "$type" \
      --filter-type SqlFilter --filter-sql-expression "[NServiceBus.EnclosedMessageTypes] LIKE '%$type%'" --output none
  done
done

connection=""
read_into connection "Endpoint=sb://$namespace.servicebus.windows.net/;SharedAccessKeyName=$sas_rule;SharedAccessKey=dry-run-placeholder" \
  az servicebus namespace authorization-rule keys list "${sb[@]}" --name "$sas_rule" --query primaryConnectionString --output tsv
secrets+=("$connection")

registry_auth=()
# An Azure Container Registry is pulled from with the app's managed identity (az grants it AcrPull).
if [[ "$registry" == *.azurecr.io* ]]; then
  registry_auth=(--registry-server "${registry%%/*}" --registry-identity system)
fi
for role in "${roles[@]}"; do
  queue=$(queue_of "$role")
  app="edgebus-$role"
  scale=(--min-replicas "$(min_of "$role")" --max-replicas "$max"
    --scale-rule-name "$role-queue" --scale-rule-type azure-servicebus
    --scale-rule-metadata "queueName=$queue" "namespace=$namespace" "messageCount=$messages_per_replica"
    --scale-rule-auth "connection=$secret_name")
  env=(EDGEBUS_ASB_CONNECTION_STRING="secretref:$secret_name")
  image="$registry/edgebus-$role:$image_tag"
  check az containerapp show "${rg[@]}" --name "$app"
  run_if missing az containerapp create "${rg[@]}" --name "$app" --environment "$environment" --image "$image" \
    ${registry_auth[@]+"${registry_auth[@]}"} --cpu "$cpu" --memory "$memory" \
    --secrets "$secret_name=$connection" --env-vars "${env[@]}" "${scale[@]}" --output none
  run_if present az containerapp secret set "${rg[@]}" --name "$app" --secrets "$secret_name=$connection" --output none
  run_if present az containerapp update "${rg[@]}" --name "$app" --image "$image" --cpu "$cpu" --memory "$memory" \
    --set-env-vars "${env[@]}" "${scale[@]}" --output none
done

for role in "${roles[@]}"; do
  echo "edgebus-$role: replicas $(min_of "$role")..$max, KEDA azure-servicebus on queue $(queue_of "$role") of $namespace, $messages_per_replica messages per replica"
done
if $dry_run; then echo "dry run: nothing was changed"; fi
