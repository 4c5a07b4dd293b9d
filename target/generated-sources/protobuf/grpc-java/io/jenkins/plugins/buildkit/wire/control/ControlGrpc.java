package io.jenkins.plugins.buildkit.wire.control;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ControlGrpc {

  private ControlGrpc() {}

  public static final java.lang.String SERVICE_NAME = "moby.buildkit.v1.Control";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest,
      io.jenkins.plugins.buildkit.wire.control.DiskUsageResponse> getDiskUsageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DiskUsage",
      requestType = io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest.class,
      responseType = io.jenkins.plugins.buildkit.wire.control.DiskUsageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest,
      io.jenkins.plugins.buildkit.wire.control.DiskUsageResponse> getDiskUsageMethod() {
    io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest, io.jenkins.plugins.buildkit.wire.control.DiskUsageResponse> getDiskUsageMethod;
    if ((getDiskUsageMethod = ControlGrpc.getDiskUsageMethod) == null) {
      synchronized (ControlGrpc.class) {
        if ((getDiskUsageMethod = ControlGrpc.getDiskUsageMethod) == null) {
          ControlGrpc.getDiskUsageMethod = getDiskUsageMethod =
              io.grpc.MethodDescriptor.<io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest, io.jenkins.plugins.buildkit.wire.control.DiskUsageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DiskUsage"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.DiskUsageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ControlMethodDescriptorSupplier("DiskUsage"))
              .build();
        }
      }
    }
    return getDiskUsageMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.PruneRequest,
      io.jenkins.plugins.buildkit.wire.control.UsageRecord> getPruneMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Prune",
      requestType = io.jenkins.plugins.buildkit.wire.control.PruneRequest.class,
      responseType = io.jenkins.plugins.buildkit.wire.control.UsageRecord.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.PruneRequest,
      io.jenkins.plugins.buildkit.wire.control.UsageRecord> getPruneMethod() {
    io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.PruneRequest, io.jenkins.plugins.buildkit.wire.control.UsageRecord> getPruneMethod;
    if ((getPruneMethod = ControlGrpc.getPruneMethod) == null) {
      synchronized (ControlGrpc.class) {
        if ((getPruneMethod = ControlGrpc.getPruneMethod) == null) {
          ControlGrpc.getPruneMethod = getPruneMethod =
              io.grpc.MethodDescriptor.<io.jenkins.plugins.buildkit.wire.control.PruneRequest, io.jenkins.plugins.buildkit.wire.control.UsageRecord>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Prune"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.PruneRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.UsageRecord.getDefaultInstance()))
              .setSchemaDescriptor(new ControlMethodDescriptorSupplier("Prune"))
              .build();
        }
      }
    }
    return getPruneMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.SolveRequest,
      io.jenkins.plugins.buildkit.wire.control.SolveResponse> getSolveMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Solve",
      requestType = io.jenkins.plugins.buildkit.wire.control.SolveRequest.class,
      responseType = io.jenkins.plugins.buildkit.wire.control.SolveResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.SolveRequest,
      io.jenkins.plugins.buildkit.wire.control.SolveResponse> getSolveMethod() {
    io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.SolveRequest, io.jenkins.plugins.buildkit.wire.control.SolveResponse> getSolveMethod;
    if ((getSolveMethod = ControlGrpc.getSolveMethod) == null) {
      synchronized (ControlGrpc.class) {
        if ((getSolveMethod = ControlGrpc.getSolveMethod) == null) {
          ControlGrpc.getSolveMethod = getSolveMethod =
              io.grpc.MethodDescriptor.<io.jenkins.plugins.buildkit.wire.control.SolveRequest, io.jenkins.plugins.buildkit.wire.control.SolveResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Solve"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.SolveRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.SolveResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ControlMethodDescriptorSupplier("Solve"))
              .build();
        }
      }
    }
    return getSolveMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.StatusRequest,
      io.jenkins.plugins.buildkit.wire.control.StatusResponse> getStatusMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Status",
      requestType = io.jenkins.plugins.buildkit.wire.control.StatusRequest.class,
      responseType = io.jenkins.plugins.buildkit.wire.control.StatusResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.StatusRequest,
      io.jenkins.plugins.buildkit.wire.control.StatusResponse> getStatusMethod() {
    io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.StatusRequest, io.jenkins.plugins.buildkit.wire.control.StatusResponse> getStatusMethod;
    if ((getStatusMethod = ControlGrpc.getStatusMethod) == null) {
      synchronized (ControlGrpc.class) {
        if ((getStatusMethod = ControlGrpc.getStatusMethod) == null) {
          ControlGrpc.getStatusMethod = getStatusMethod =
              io.grpc.MethodDescriptor.<io.jenkins.plugins.buildkit.wire.control.StatusRequest, io.jenkins.plugins.buildkit.wire.control.StatusResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Status"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.StatusRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.StatusResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ControlMethodDescriptorSupplier("Status"))
              .build();
        }
      }
    }
    return getStatusMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.BytesMessage,
      io.jenkins.plugins.buildkit.wire.control.BytesMessage> getSessionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Session",
      requestType = io.jenkins.plugins.buildkit.wire.control.BytesMessage.class,
      responseType = io.jenkins.plugins.buildkit.wire.control.BytesMessage.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.BytesMessage,
      io.jenkins.plugins.buildkit.wire.control.BytesMessage> getSessionMethod() {
    io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.BytesMessage, io.jenkins.plugins.buildkit.wire.control.BytesMessage> getSessionMethod;
    if ((getSessionMethod = ControlGrpc.getSessionMethod) == null) {
      synchronized (ControlGrpc.class) {
        if ((getSessionMethod = ControlGrpc.getSessionMethod) == null) {
          ControlGrpc.getSessionMethod = getSessionMethod =
              io.grpc.MethodDescriptor.<io.jenkins.plugins.buildkit.wire.control.BytesMessage, io.jenkins.plugins.buildkit.wire.control.BytesMessage>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Session"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.BytesMessage.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.BytesMessage.getDefaultInstance()))
              .setSchemaDescriptor(new ControlMethodDescriptorSupplier("Session"))
              .build();
        }
      }
    }
    return getSessionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest,
      io.jenkins.plugins.buildkit.wire.control.ListWorkersResponse> getListWorkersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListWorkers",
      requestType = io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest.class,
      responseType = io.jenkins.plugins.buildkit.wire.control.ListWorkersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest,
      io.jenkins.plugins.buildkit.wire.control.ListWorkersResponse> getListWorkersMethod() {
    io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest, io.jenkins.plugins.buildkit.wire.control.ListWorkersResponse> getListWorkersMethod;
    if ((getListWorkersMethod = ControlGrpc.getListWorkersMethod) == null) {
      synchronized (ControlGrpc.class) {
        if ((getListWorkersMethod = ControlGrpc.getListWorkersMethod) == null) {
          ControlGrpc.getListWorkersMethod = getListWorkersMethod =
              io.grpc.MethodDescriptor.<io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest, io.jenkins.plugins.buildkit.wire.control.ListWorkersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListWorkers"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.ListWorkersResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ControlMethodDescriptorSupplier("ListWorkers"))
              .build();
        }
      }
    }
    return getListWorkersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.InfoRequest,
      io.jenkins.plugins.buildkit.wire.control.InfoResponse> getInfoMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Info",
      requestType = io.jenkins.plugins.buildkit.wire.control.InfoRequest.class,
      responseType = io.jenkins.plugins.buildkit.wire.control.InfoResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.InfoRequest,
      io.jenkins.plugins.buildkit.wire.control.InfoResponse> getInfoMethod() {
    io.grpc.MethodDescriptor<io.jenkins.plugins.buildkit.wire.control.InfoRequest, io.jenkins.plugins.buildkit.wire.control.InfoResponse> getInfoMethod;
    if ((getInfoMethod = ControlGrpc.getInfoMethod) == null) {
      synchronized (ControlGrpc.class) {
        if ((getInfoMethod = ControlGrpc.getInfoMethod) == null) {
          ControlGrpc.getInfoMethod = getInfoMethod =
              io.grpc.MethodDescriptor.<io.jenkins.plugins.buildkit.wire.control.InfoRequest, io.jenkins.plugins.buildkit.wire.control.InfoResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Info"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.InfoRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.jenkins.plugins.buildkit.wire.control.InfoResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ControlMethodDescriptorSupplier("Info"))
              .build();
        }
      }
    }
    return getInfoMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ControlStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ControlStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ControlStub>() {
        @java.lang.Override
        public ControlStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ControlStub(channel, callOptions);
        }
      };
    return ControlStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ControlBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ControlBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ControlBlockingV2Stub>() {
        @java.lang.Override
        public ControlBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ControlBlockingV2Stub(channel, callOptions);
        }
      };
    return ControlBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ControlBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ControlBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ControlBlockingStub>() {
        @java.lang.Override
        public ControlBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ControlBlockingStub(channel, callOptions);
        }
      };
    return ControlBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ControlFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ControlFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ControlFutureStub>() {
        @java.lang.Override
        public ControlFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ControlFutureStub(channel, callOptions);
        }
      };
    return ControlFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     */
    default void diskUsage(io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest request,
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.DiskUsageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDiskUsageMethod(), responseObserver);
    }

    /**
     */
    default void prune(io.jenkins.plugins.buildkit.wire.control.PruneRequest request,
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.UsageRecord> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getPruneMethod(), responseObserver);
    }

    /**
     */
    default void solve(io.jenkins.plugins.buildkit.wire.control.SolveRequest request,
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.SolveResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSolveMethod(), responseObserver);
    }

    /**
     */
    default void status(io.jenkins.plugins.buildkit.wire.control.StatusRequest request,
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.StatusResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getStatusMethod(), responseObserver);
    }

    /**
     */
    default io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.BytesMessage> session(
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.BytesMessage> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getSessionMethod(), responseObserver);
    }

    /**
     */
    default void listWorkers(io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest request,
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.ListWorkersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListWorkersMethod(), responseObserver);
    }

    /**
     */
    default void info(io.jenkins.plugins.buildkit.wire.control.InfoRequest request,
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.InfoResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getInfoMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Control.
   */
  public static abstract class ControlImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ControlGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Control.
   */
  public static final class ControlStub
      extends io.grpc.stub.AbstractAsyncStub<ControlStub> {
    private ControlStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ControlStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ControlStub(channel, callOptions);
    }

    /**
     */
    public void diskUsage(io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest request,
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.DiskUsageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDiskUsageMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void prune(io.jenkins.plugins.buildkit.wire.control.PruneRequest request,
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.UsageRecord> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getPruneMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void solve(io.jenkins.plugins.buildkit.wire.control.SolveRequest request,
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.SolveResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSolveMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void status(io.jenkins.plugins.buildkit.wire.control.StatusRequest request,
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.StatusResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getStatusMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.BytesMessage> session(
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.BytesMessage> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getSessionMethod(), getCallOptions()), responseObserver);
    }

    /**
     */
    public void listWorkers(io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest request,
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.ListWorkersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListWorkersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void info(io.jenkins.plugins.buildkit.wire.control.InfoRequest request,
        io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.InfoResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getInfoMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Control.
   */
  public static final class ControlBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ControlBlockingV2Stub> {
    private ControlBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ControlBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ControlBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public io.jenkins.plugins.buildkit.wire.control.DiskUsageResponse diskUsage(io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDiskUsageMethod(), getCallOptions(), request);
    }

    /**
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.jenkins.plugins.buildkit.wire.control.UsageRecord>
        prune(io.jenkins.plugins.buildkit.wire.control.PruneRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getPruneMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.jenkins.plugins.buildkit.wire.control.SolveResponse solve(io.jenkins.plugins.buildkit.wire.control.SolveRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSolveMethod(), getCallOptions(), request);
    }

    /**
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.jenkins.plugins.buildkit.wire.control.StatusResponse>
        status(io.jenkins.plugins.buildkit.wire.control.StatusRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getStatusMethod(), getCallOptions(), request);
    }

    /**
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<io.jenkins.plugins.buildkit.wire.control.BytesMessage, io.jenkins.plugins.buildkit.wire.control.BytesMessage>
        session() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getSessionMethod(), getCallOptions());
    }

    /**
     */
    public io.jenkins.plugins.buildkit.wire.control.ListWorkersResponse listWorkers(io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListWorkersMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.jenkins.plugins.buildkit.wire.control.InfoResponse info(io.jenkins.plugins.buildkit.wire.control.InfoRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getInfoMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Control.
   */
  public static final class ControlBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ControlBlockingStub> {
    private ControlBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ControlBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ControlBlockingStub(channel, callOptions);
    }

    /**
     */
    public io.jenkins.plugins.buildkit.wire.control.DiskUsageResponse diskUsage(io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDiskUsageMethod(), getCallOptions(), request);
    }

    /**
     */
    public java.util.Iterator<io.jenkins.plugins.buildkit.wire.control.UsageRecord> prune(
        io.jenkins.plugins.buildkit.wire.control.PruneRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getPruneMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.jenkins.plugins.buildkit.wire.control.SolveResponse solve(io.jenkins.plugins.buildkit.wire.control.SolveRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSolveMethod(), getCallOptions(), request);
    }

    /**
     */
    public java.util.Iterator<io.jenkins.plugins.buildkit.wire.control.StatusResponse> status(
        io.jenkins.plugins.buildkit.wire.control.StatusRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getStatusMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.jenkins.plugins.buildkit.wire.control.ListWorkersResponse listWorkers(io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListWorkersMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.jenkins.plugins.buildkit.wire.control.InfoResponse info(io.jenkins.plugins.buildkit.wire.control.InfoRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getInfoMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Control.
   */
  public static final class ControlFutureStub
      extends io.grpc.stub.AbstractFutureStub<ControlFutureStub> {
    private ControlFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ControlFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ControlFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.jenkins.plugins.buildkit.wire.control.DiskUsageResponse> diskUsage(
        io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDiskUsageMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.jenkins.plugins.buildkit.wire.control.SolveResponse> solve(
        io.jenkins.plugins.buildkit.wire.control.SolveRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSolveMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.jenkins.plugins.buildkit.wire.control.ListWorkersResponse> listWorkers(
        io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListWorkersMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.jenkins.plugins.buildkit.wire.control.InfoResponse> info(
        io.jenkins.plugins.buildkit.wire.control.InfoRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getInfoMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_DISK_USAGE = 0;
  private static final int METHODID_PRUNE = 1;
  private static final int METHODID_SOLVE = 2;
  private static final int METHODID_STATUS = 3;
  private static final int METHODID_LIST_WORKERS = 4;
  private static final int METHODID_INFO = 5;
  private static final int METHODID_SESSION = 6;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_DISK_USAGE:
          serviceImpl.diskUsage((io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest) request,
              (io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.DiskUsageResponse>) responseObserver);
          break;
        case METHODID_PRUNE:
          serviceImpl.prune((io.jenkins.plugins.buildkit.wire.control.PruneRequest) request,
              (io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.UsageRecord>) responseObserver);
          break;
        case METHODID_SOLVE:
          serviceImpl.solve((io.jenkins.plugins.buildkit.wire.control.SolveRequest) request,
              (io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.SolveResponse>) responseObserver);
          break;
        case METHODID_STATUS:
          serviceImpl.status((io.jenkins.plugins.buildkit.wire.control.StatusRequest) request,
              (io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.StatusResponse>) responseObserver);
          break;
        case METHODID_LIST_WORKERS:
          serviceImpl.listWorkers((io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest) request,
              (io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.ListWorkersResponse>) responseObserver);
          break;
        case METHODID_INFO:
          serviceImpl.info((io.jenkins.plugins.buildkit.wire.control.InfoRequest) request,
              (io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.InfoResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_SESSION:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.session(
              (io.grpc.stub.StreamObserver<io.jenkins.plugins.buildkit.wire.control.BytesMessage>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getDiskUsageMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest,
              io.jenkins.plugins.buildkit.wire.control.DiskUsageResponse>(
                service, METHODID_DISK_USAGE)))
        .addMethod(
          getPruneMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.jenkins.plugins.buildkit.wire.control.PruneRequest,
              io.jenkins.plugins.buildkit.wire.control.UsageRecord>(
                service, METHODID_PRUNE)))
        .addMethod(
          getSolveMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.jenkins.plugins.buildkit.wire.control.SolveRequest,
              io.jenkins.plugins.buildkit.wire.control.SolveResponse>(
                service, METHODID_SOLVE)))
        .addMethod(
          getStatusMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.jenkins.plugins.buildkit.wire.control.StatusRequest,
              io.jenkins.plugins.buildkit.wire.control.StatusResponse>(
                service, METHODID_STATUS)))
        .addMethod(
          getSessionMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              io.jenkins.plugins.buildkit.wire.control.BytesMessage,
              io.jenkins.plugins.buildkit.wire.control.BytesMessage>(
                service, METHODID_SESSION)))
        .addMethod(
          getListWorkersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest,
              io.jenkins.plugins.buildkit.wire.control.ListWorkersResponse>(
                service, METHODID_LIST_WORKERS)))
        .addMethod(
          getInfoMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.jenkins.plugins.buildkit.wire.control.InfoRequest,
              io.jenkins.plugins.buildkit.wire.control.InfoResponse>(
                service, METHODID_INFO)))
        .build();
  }

  private static abstract class ControlBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ControlBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.jenkins.plugins.buildkit.wire.control.ControlOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Control");
    }
  }

  private static final class ControlFileDescriptorSupplier
      extends ControlBaseDescriptorSupplier {
    ControlFileDescriptorSupplier() {}
  }

  private static final class ControlMethodDescriptorSupplier
      extends ControlBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ControlMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (ControlGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ControlFileDescriptorSupplier())
              .addMethod(getDiskUsageMethod())
              .addMethod(getPruneMethod())
              .addMethod(getSolveMethod())
              .addMethod(getStatusMethod())
              .addMethod(getSessionMethod())
              .addMethod(getListWorkersMethod())
              .addMethod(getInfoMethod())
              .build();
        }
      }
    }
    return result;
  }
}
