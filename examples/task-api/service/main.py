"""The Task API: state, events, secrets and calls all go through the Dapr sidecar on localhost."""
import os

import httpx
from fastapi import FastAPI, HTTPException

DAPR = f"http://localhost:{os.environ.get('DAPR_HTTP_PORT', '3500')}/v1.0"
app = FastAPI()


@app.get("/healthz")
@app.get("/readyz")
def health():
    return {"ok": True}


@app.post("/tasks/{task_id}")
def save_task(task_id: str, task: dict):
    httpx.post(f"{DAPR}/state/statestore", json=[{"key": task_id, "value": task}]).raise_for_status()
    httpx.post(f"{DAPR}/publish/pubsub/task-events", json={"id": task_id, **task}).raise_for_status()
    return {"id": task_id}


@app.get("/tasks/{task_id}")
def get_task(task_id: str):
    r = httpx.get(f"{DAPR}/state/statestore/{task_id}")
    if r.status_code == 204:
        raise HTTPException(404)
    return r.json()


@app.post("/tasks/{task_id}/complete")
def complete(task_id: str):
    api_key = httpx.get(f"{DAPR}/secrets/vault/notification-api-key").json()
    # Service invocation: mTLS, access control and the Resiliency policy apply on the way.
    httpx.post(f"{DAPR}/invoke/notification-service/method/notify",
               json={"task": task_id}, headers={"x-api-key": api_key.get("notification-api-key", "")}).raise_for_status()
    return {"id": task_id, "done": True}
